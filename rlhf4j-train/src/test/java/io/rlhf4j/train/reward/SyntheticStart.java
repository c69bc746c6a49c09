package io.rlhf4j.train.reward;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.model.llama.LlamaModel;
import io.rlhf4j.train.sft.SftConfig;
import io.rlhf4j.train.sft.SftTrainer;
import io.rlhf4j.train.sft.TokenizedExample;
import io.rlhf4j.train.synthetic.SyntheticTask;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Test fixture shared by the reward-model and DPO tests: the SFT starting point of the synthetic
 * task, as in InstructGPT (SFT on imperfect demonstrations, then preference learning from there).
 *
 * <p>Why not SFT on uniformly random responses: the theme rule ({@code prompt[1] % 3}) needs a
 * two-hop attention circuit (mark the token after BOS, then look it up from every response token).
 * Measured on the 2-layer, 32-wide task model: pairwise preference signals alone (BT or DPO) find
 * that circuit only after a seed-dependent jump at 250-400+ steps of 64 fresh pairs, or never within
 * 800 steps, whereas SFT on demonstrations that are mostly on theme forms it within about 100 steps.
 * So demonstrations here are on theme with probability {@code onTheme} per token (random length
 * 2..10, then EOS): the policy knows the rule roughly, and preferences have something to sharpen.
 */
public final class SyntheticStart {
    private SyntheticStart() {}

    /** Demonstrations: each content token on the prompt's theme with probability {@code onTheme}. */
    public static List<TokenizedExample> demonstrations(int n, double onTheme, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<TokenizedExample> out = new ArrayList<>(n);
        for (int[] prompt : SyntheticTask.prompts(n, rng.nextLong())) {
            int theme = SyntheticTask.theme(prompt);
            int length = rng.nextInt(2, 11);
            int[] ids = new int[prompt.length + length + 1];
            boolean[] mask = new boolean[ids.length];
            System.arraycopy(prompt, 0, ids, 0, prompt.length);
            for (int i = 0; i < length; i++) {
                // content ids 3..23 hold 7 of each class t % 3; pick the class, then a token of it
                int cls = rng.nextDouble() < onTheme ? theme : (theme + rng.nextInt(1, 3)) % 3;
                int first = SyntheticTask.FIRST_CONTENT + Math.floorMod(cls - SyntheticTask.FIRST_CONTENT, 3);
                ids[prompt.length + i] = first + 3 * rng.nextInt(0, 7);
            }
            ids[ids.length - 1] = SyntheticTask.EOS;
            for (int i = prompt.length; i < ids.length; i++) mask[i] = true;
            out.add(new TokenizedExample(ids, mask));
        }
        return out;
    }

    /** The task's Llama, trained {@code steps} steps of 64 fresh demonstrations. */
    public static CausalLm sftPolicy(NDManager parent, long seed, int steps, double onTheme) {
        CausalLm model = LlamaModel.random(SyntheticTask.policyConfig(), parent, seed, DataType.FLOAT32);
        SftConfig config = SftConfig.builder().maxSteps(steps).batch(64, 1).learningRate(3e-3).maxLength(24).build();
        new SftTrainer(config, model.parameters(), model::forward, SyntheticTask.PAD)
                .train(demonstrations(steps * 64, onTheme, seed), List.of(), null);
        return model;
    }

    /**
     * One intra-op thread while open, then the previous count. These models run as streams of tiny
     * ops; on a shared 2-core box two intra-op threads spin against other processes and made the
     * same reward-model run 14x slower (48 s against 3.4 s, identical results).
     */
    public static AutoCloseable oneTorchThread() {
        Engine.getInstance(); // loads the native library the thread calls go to
        int before = JniUtils.getNumThreads();
        JniUtils.setNumThreads(1);
        return () -> JniUtils.setNumThreads(before);
    }
}
