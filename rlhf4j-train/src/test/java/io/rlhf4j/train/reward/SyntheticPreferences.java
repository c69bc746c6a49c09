package io.rlhf4j.train.reward;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.rlhf4j.core.data.Comparison.Outcome;
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
            out.add(new PreferenceExample("p-" + seed + "-" + i, p.prompt(), p.chosen(), p.rejected(), Outcome.PREFERRED, 1,
                    "j-" + seed + "-" + i, annotator, 1.0));
            i++;
        }
        return out;
    }

    /** A fresh reward model on a random trunk (loss-arithmetic tests, where learning is not the point). */
    static ScalarHeadModel newRewardModel(NDManager parent, long seed) {
        return ScalarHeadModel.withNewHead(LlamaModel.random(SyntheticTask.policyConfig(), parent, seed, DataType.FLOAT32), seed);
    }

    /** A reward model whose trunk is the SFT policy, as InstructGPT initialises its RM from the SFT model. */
    static ScalarHeadModel sftRewardModel(NDManager parent, long seed) {
        return ScalarHeadModel.withNewHead(SyntheticStart.sftPolicy(parent, seed, SFT_STEPS, ON_THEME), seed);
    }

    static final int SFT_STEPS = 150;
    static final double ON_THEME = 0.8;

    /** 64 judgments a step, lr 3e-3: measured 0.948 held-out accuracy after 300 steps of fresh pairs, 500 used from the SFT trunk. */
    static RewardConfig config(long steps) {
        return RewardConfig.builder().maxSteps(steps).perDeviceTrainBatchSize(64).learningRate(3e-3).maxLength(32).build();
    }
}
