package io.rlhf4j.train.reward;

import ai.djl.ndarray.NDManager;
import io.rlhf4j.model.ScalarHeadModel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RewardTrainerAccuracyTest {

    @Test
    void learnsTheSyntheticTrueRewardTo95PercentHeldOutAccuracy() {
        List<PreferenceExample> train = SyntheticPreferences.pairs(2000, 1, 0.0, "a");
        List<PreferenceExample> heldOut = SyntheticPreferences.pairs(400, 2, 0.0, "a");
        try (NDManager m = NDManager.newBaseManager(); ScalarHeadModel model = SyntheticPreferences.newRewardModel(m, 7)) {
            RewardTrainer trainer = new RewardTrainer(SyntheticPreferences.config(400), model);
            RewardEvaluation before = trainer.evaluate(heldOut);
            long t0 = System.nanoTime();
            trainer.train(train, heldOut, null);
            RewardEvaluation after = trainer.lastEvaluation();
            System.out.printf("reward model: held-out accuracy %.3f -> %.3f, loss %.3f, ECE %.3f, %.1fs%n",
                    before.accuracy(), after.accuracy(), after.loss(), after.ece(), (System.nanoTime() - t0) / 1e9);
            assertThat(after.accuracy()).isGreaterThanOrEqualTo(0.95);
        }
    }
}
