package io.rlhf4j.train.dpo;

import ai.djl.ndarray.NDManager;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.train.reward.PreferenceExample;
import io.rlhf4j.train.reward.SyntheticStart;
import io.rlhf4j.train.synthetic.SyntheticTask;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** IPO and conservative DPO on the same synthetic task and SFT start as {@link DpoTrainerTest}. */
class DpoVariantsTest {

    @Test
    void ipoAndConservativeDpoAlsoRaiseTheTrueRewardWithinTheKlBound() throws Exception {
        try (AutoCloseable threads = SyntheticStart.oneTorchThread(); NDManager m = NDManager.newBaseManager()) {
            CausalLm sft = SyntheticPolicies.sftPolicy(m, 3, 150);
            List<int[]> evalPrompts = SyntheticTask.prompts(200, 99);
            double start = DpoTrainerTest.sample(sft, sft, evalPrompts, 5).trueReward();
            List<PreferenceExample> train = SyntheticPolicies.pairs(100 * 64, 11);
            DpoConfig base = DpoConfig.builder().maxSteps(100).perDeviceTrainBatchSize(64).learningRate(1e-3).maxLength(24)
                    .beta(0.1).build();
            // IPO's τ is on per-token averaged log-ratios (target gap 1/(2τ) nats per token): τ 0.5 asks for about the
            // per-token change that DPO's β 0.1 settles at on these 2-10 token responses; τ 0.1 would ask for 5 nats a token
            for (DpoConfig config : List.of(base.toBuilder().lossType(DpoConfig.LossType.IPO).beta(0.5).build(),
                    base.toBuilder().labelSmoothing(0.1).build())) {
                CausalLm policy = sft.copy(m);
                CausalLm reference = sft.copy(m);
                DpoTrainer trainer = new DpoTrainer(config, policy, reference);
                trainer.train(train, SyntheticPolicies.pairs(128, 12), null);
                DpoTrainerTest.PolicyStats after = DpoTrainerTest.sample(policy, reference, evalPrompts, 5);
                System.out.printf("%s (beta %.2f, smoothing %.2f): true reward %.3f -> %.3f, KL %.3f, held-out accuracy %.3f%n",
                        config.lossType(), config.beta(), config.labelSmoothing(), start, after.trueReward(), after.kl(),
                        trainer.lastEvaluation().rewardAccuracy());
                assertThat(after.trueReward()).as(config.lossType() + " " + config.labelSmoothing()).isGreaterThan(start + 0.05);
                assertThat(after.kl()).isLessThan(DpoTrainerTest.KL_BOUND);
                assertThat(trainer.lastEvaluation().rewardAccuracy()).isGreaterThan(0.7);
            }
        }
    }
}
