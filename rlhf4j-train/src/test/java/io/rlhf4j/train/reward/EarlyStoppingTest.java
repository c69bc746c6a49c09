package io.rlhf4j.train.reward;

import ai.djl.ndarray.NDManager;
import io.rlhf4j.model.ScalarHeadModel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reward-model early stopping, provoked: 48 noisy pairs (a quarter of the labels flipped) trained for
 * 40 epochs at a high learning rate on a random trunk memorise the noise, so the held-out loss falls
 * and then rises. The trainer must stop once the held-out loss stopped improving and hand back the
 * best held-out model, whose loss is below the last evaluation's; without early stopping (the run
 * before this feature) the saved model was the last, over-fitted one.
 */
class EarlyStoppingTest {
    @Test
    void overfittingIsStoppedAndTheBestHeldOutModelIsKept() {
        List<PreferenceExample> train = SyntheticPreferences.pairs(48, 5, 0.25, "a");
        List<PreferenceExample> heldOut = SyntheticPreferences.pairs(200, 6, 0.0, "a");
        RewardConfig config = RewardConfig.builder().numTrainEpochs(40).perDeviceTrainBatchSize(16).learningRate(1e-2)
                .warmupRatio(0).maxLength(32).evalSteps(3).earlyStoppingPatience(3).build();
        try (NDManager m = NDManager.newBaseManager(); ScalarHeadModel model = SyntheticPreferences.newRewardModel(m, 4)) {
            RewardTrainer trainer = new RewardTrainer(config, model);
            var result = trainer.train(train, heldOut, null);
            List<EarlyStopping.Evaluation> evals = trainer.evaluations();
            double best = evals.stream().mapToDouble(e -> e.heldOut().loss()).min().orElseThrow();
            System.out.printf("early stopping: %d steps of %d, held-out loss per evaluation %s%n", result.steps(),
                    config.totalSteps(train.size()), evals.stream().map(e -> String.format("%d:%.3f", e.step(), e.heldOut().loss())).toList());
            assertThat(trainer.stoppedEarly()).as("the held-out loss stopped improving").isTrue();
            assertThat(result.steps()).isLessThan(config.totalSteps(train.size()));
            assertThat(trainer.bestEvaluation().heldOut().loss()).isEqualTo(best);
            assertThat(evals.get(evals.size() - 1).heldOut().loss()).as("the last evaluation is worse than the best").isGreaterThan(best);
            // the model handed back is the best one: evaluating it again gives the best evaluation's loss
            assertThat(trainer.evaluate(heldOut).loss()).isCloseTo(best, org.assertj.core.data.Offset.offset(1e-5));
            assertThat(trainer.lastEvaluation().loss()).isEqualTo(best);
        }
    }

    @Test
    void defaultsAreAtMostTwoEpochsEvaluatedTwicePerEpoch() {
        RewardConfig d = RewardConfig.defaults();
        assertThat(d.totalSteps(160)).isEqualTo(20); // 2 epochs of 10 batches of 16
        assertThat(d.evalInterval(160)).isEqualTo(5);
        assertThat(d.earlyStoppingPatience()).isPositive();
    }
}
