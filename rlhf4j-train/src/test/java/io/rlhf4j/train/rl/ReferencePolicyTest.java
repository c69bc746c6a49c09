package io.rlhf4j.train.rl;

import ai.djl.ndarray.NDManager;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.train.rl.grpo.GrpoConfig;
import io.rlhf4j.train.rl.grpo.GrpoTrainer;
import io.rlhf4j.train.rl.ppo.PpoConfig;
import io.rlhf4j.train.rl.ppo.PpoTrainer;
import io.rlhf4j.train.rl.rollout.RolloutConfig;
import io.rlhf4j.train.synthetic.SyntheticTask;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The reference is the SFT policy in every round: a second PPO round that starts from a round-1
 * policy measures (and penalises) its KL to SFT from its first step. Were the reference a copy of
 * the policy being trained, as before, the first step's KL would be exactly 0 and round 2 could
 * drift twice as far from SFT as the KL coefficient allows.
 */
class ReferencePolicyTest {
    private static final List<int[]> TRAIN = SyntheticTask.prompts(256, 1);

    static PpoConfig config(long steps, double lr) {
        return PpoConfig.builder().run(RlRunConfig.builder().steps(steps)
                .rollout(new RolloutConfig(32, 1, SyntheticPolicies.MAX_NEW_TOKENS, 1.0, 0.5))
                .optim(OptimConfig.of(lr, 2, 16)).kl(KlConfig.fixed(0.05)).build()).build();
    }

    @Test
    void roundTwoIsAnchoredToSftFromItsFirstStep() {
        try (NDManager m = NDManager.newBaseManager()) {
            CausalLm sft = SyntheticPolicies.sftPolicy(m);
            CausalLm policy = SyntheticPolicies.sftPolicy(m);
            try (PpoTrainer round1 = new PpoTrainer(config(6, 3e-3), policy, sft, SyntheticPolicies.TRUE_REWARD, null, SyntheticTask.PAD)) {
                round1.train(TRAIN, null);
            }
            double klToSft = SyntheticPolicies.klToReference(policy, sft, SyntheticTask.prompts(200, 99), 6);
            List<RlStepMetrics> steps = new ArrayList<>();
            try (PpoTrainer round2 = new PpoTrainer(config(1, 1e-6), policy, sft, SyntheticPolicies.TRUE_REWARD, null, SyntheticTask.PAD)) {
                round2.addListener(new RlListener() {
                    @Override public void onStep(RlStepMetrics s) { steps.add(s); }
                });
                assertThat(round2.reference()).isSameAs(sft);
                round2.train(TRAIN, null);
            }
            System.out.printf("round 1 ended at KL %.3f to SFT; round 2's first step measured %.3f%n", klToSft, steps.get(0).kl());
            assertThat(klToSft).as("round 1 moved the policy").isGreaterThan(0.1);
            assertThat(steps.get(0).kl()).as("round 2's first KL is to SFT, not 0 to a copy of itself").isGreaterThan(klToSft / 3);
        }
    }

    @Test
    void theReferenceMustBeGivenAndCannotBeThePolicyItself() {
        try (NDManager m = NDManager.newBaseManager()) {
            CausalLm policy = SyntheticPolicies.sftPolicy(m);
            assertThatThrownBy(() -> new PpoTrainer(config(1, 1e-3), policy, policy, SyntheticPolicies.TRUE_REWARD, null, 0))
                    .hasMessageContaining("reference");
            GrpoConfig grpo = GrpoConfig.grpo();
            assertThatThrownBy(() -> new GrpoTrainer(grpo, policy, null, SyntheticPolicies.TRUE_REWARD, 0))
                    .hasMessageContaining("reference");
        }
    }
}
