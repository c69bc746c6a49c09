package io.rlhf4j.train.rl.grpo;

import ai.djl.ndarray.NDManager;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.train.rl.KlConfig;
import io.rlhf4j.train.rl.OptimConfig;
import io.rlhf4j.train.rl.RlResult;
import io.rlhf4j.train.rl.SyntheticPolicies;
import io.rlhf4j.train.rl.health.HealthConfig;
import io.rlhf4j.train.rl.rollout.RolloutConfig;
import io.rlhf4j.train.synthetic.SyntheticTask;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared bar of the critic-free tests: ground-truth reward clearly up from SFT, KL bounded, a healthy run. */
final class GroupTraining {
    static final double KL_BOUND = 4.0;
    static final int STEPS = 12;

    private GroupTraining() {}

    /** 8 prompts x 4 samples per step, 2 epochs of minibatches of 16. */
    static GrpoConfig sized(GrpoConfig preset, double beta) {
        return preset.toBuilder().run(preset.run().toBuilder().steps(STEPS)
                .rollout(new RolloutConfig(8, 4, SyntheticPolicies.MAX_NEW_TOKENS, 1.0, 0.5))
                .optim(OptimConfig.of(3e-3, 2, 16))
                .kl(KlConfig.fixed(beta))
                .health(HealthConfig.builder().maxKl(KL_BOUND).build()).build()).build();
    }

    static void assertRaisesGroundTruthReward(GrpoConfig config) {
        List<int[]> train = SyntheticTask.prompts(256, 1);
        List<int[]> heldOut = SyntheticTask.prompts(200, 99);
        try (NDManager m = NDManager.newBaseManager()) {
            CausalLm policy = SyntheticPolicies.sftPolicy(m);
            double before = SyntheticPolicies.meanTrueReward(policy, heldOut, 5);
            RlResult result;
            double after, kl;
            CausalLm reference = policy.copy(m);
            GrpoTrainer trainer = new GrpoTrainer(config, policy, reference, SyntheticPolicies.TRUE_REWARD, SyntheticTask.PAD);
            result = trainer.train(train, null);
            after = SyntheticPolicies.meanTrueReward(policy, heldOut, 5);
            kl = SyntheticPolicies.klToReference(policy, reference, heldOut, 6);
            System.out.printf("%s: ground-truth reward %.3f -> %.3f, KL to reference %.3f nats%n",
                    config.algorithmName(), before, after, kl);
            assertThat(result.steps()).isEqualTo(STEPS);
            assertThat(result.last().algorithm()).isEqualTo(config.algorithmName());
            assertThat(result.last().valueLoss()).as("no critic").isNull();
            assertThat(after).as("ground-truth reward after %s vs the SFT start %.3f", config.algorithmName(), before)
                    .isGreaterThan(before + 0.1);
            assertThat(kl).as("KL to the reference on held-out prompts").isBetween(0.0, KL_BOUND);
            assertThat(result.warnings()).as("a healthy run").isEmpty();
        }
    }
}
