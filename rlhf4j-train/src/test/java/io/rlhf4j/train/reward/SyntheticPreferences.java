package io.rlhf4j.train.reward;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.rlhf4j.model.ScalarHeadModel;
import io.rlhf4j.model.llama.LlamaModel;
import io.rlhf4j.train.synthetic.SyntheticTask;

import java.util.ArrayList;
import java.util.List;

/** Test fixtures: synthetic-task pairs as PreferenceExamples and a fresh small reward model. */
final class SyntheticPreferences {
    private SyntheticPreferences() {}

    static List<PreferenceExample> pairs(int n, long seed, double noise, String annotator) {
        List<PreferenceExample> out = new ArrayList<>(n);
        int i = 0;
        for (SyntheticTask.Pair p : SyntheticTask.preferencePairs(n, seed, noise)) {
            out.add(PreferenceExample.preferred(p.prompt(), p.chosen(), p.rejected(), "j-" + seed + "-" + i++)
                    .withAnnotator(annotator));
        }
        return out;
    }

    static ScalarHeadModel newRewardModel(NDManager parent, long seed) {
        return ScalarHeadModel.withNewHead(LlamaModel.random(SyntheticTask.policyConfig(), parent, seed, DataType.FLOAT32), seed);
    }

    static RewardConfig config(long steps) {
        return RewardConfig.defaults().withMaxSteps(steps).withBatchSize(32).withLearningRate(3e-3).withMaxLength(32);
    }
}
