package io.rlhf4j.train.dpo;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.model.llama.LlamaModel;
import io.rlhf4j.train.sft.SftConfig;
import io.rlhf4j.train.sft.SftTrainer;
import io.rlhf4j.train.sft.TokenizedExample;
import io.rlhf4j.train.synthetic.SyntheticTask;
import io.rlhf4j.train.reward.PreferenceExample;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Test fixtures: an SFT starting policy for the synthetic task (random responses of length 2..10). */
final class SyntheticPolicies {
    private SyntheticPolicies() {}

    static CausalLm sftPolicy(NDManager parent, long seed, int steps) {
        CausalLm model = LlamaModel.random(SyntheticTask.policyConfig(), parent, seed, DataType.FLOAT32);
        SplittableRandom rng = new SplittableRandom(seed);
        List<TokenizedExample> data = new ArrayList<>();
        for (int[] prompt : SyntheticTask.prompts(512, seed)) {
            int[] response = SyntheticTask.randomResponse(rng, 2, 10);
            int[] ids = new int[prompt.length + response.length];
            boolean[] mask = new boolean[ids.length];
            System.arraycopy(prompt, 0, ids, 0, prompt.length);
            System.arraycopy(response, 0, ids, prompt.length, response.length);
            for (int i = prompt.length; i < ids.length; i++) mask[i] = true;
            data.add(new TokenizedExample(ids, mask));
        }
        SftConfig config = SftConfig.defaults().withMaxSteps(steps).withBatch(32, 1).withLearningRate(3e-3).withMaxLength(24);
        new SftTrainer(config, model.parameters(), model::forward, SyntheticTask.PAD).train(data, List.of(), null);
        return model;
    }

    static List<PreferenceExample> pairs(int n, long seed) {
        List<PreferenceExample> out = new ArrayList<>(n);
        int i = 0;
        for (SyntheticTask.Pair p : SyntheticTask.preferencePairs(n, seed, 0.0)) {
            out.add(PreferenceExample.preferred(p.prompt(), p.chosen(), p.rejected(), "d-" + seed + "-" + i++));
        }
        return out;
    }
}
