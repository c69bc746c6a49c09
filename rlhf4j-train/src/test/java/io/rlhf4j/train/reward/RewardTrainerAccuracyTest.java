package io.rlhf4j.train.reward;

import ai.djl.ndarray.NDManager;
import io.rlhf4j.model.ScalarHeadModel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RewardTrainerAccuracyTest {
    static final int STEPS = 500;

    @Test
    void learnsTheSyntheticTrueRewardTo95PercentHeldOutAccuracy() throws Exception {
        // one fresh pair per judgment slot (an epoch of 500 x 64): on 2,000 reused pairs the model memorised them
        // (train loss 0.12, held-out accuracy 0.64)
        List<PreferenceExample> train = SyntheticPreferences.pairs(STEPS * 64, 1, 0.0, "a");
        List<PreferenceExample> heldOut = SyntheticPreferences.pairs(400, 2, 0.0, "a");
        try (AutoCloseable threads = SyntheticStart.oneTorchThread(); NDManager m = NDManager.newBaseManager();
             ScalarHeadModel model = SyntheticPreferences.sftRewardModel(m, 7)) {
            RewardTrainer trainer = new RewardTrainer(SyntheticPreferences.config(STEPS), model);
            RewardEvaluation before = trainer.evaluate(heldOut);
            long t0 = System.nanoTime();
            trainer.train(train, heldOut, null);
            RewardEvaluation after = trainer.lastEvaluation();
            System.out.printf("reward model: held-out accuracy %.3f -> %.3f, loss %.3f, ECE %.3f, %.1fs%n",
                    before.accuracy(), after.accuracy(), after.loss(), after.ece(), (System.nanoTime() - t0) / 1e9);
            assertThat(after.accuracy()).isGreaterThanOrEqualTo(0.95);
            assertThat(after.loss()).isLessThan(before.loss());
            assertThat(after.ece()).isLessThan(0.1);
        }
    }
}
