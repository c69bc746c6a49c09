package io.rlhf4j.train.rl.ppo;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.train.rl.KlConfig;
import io.rlhf4j.train.rl.OptimConfig;
import io.rlhf4j.train.MetricsLog;
import io.rlhf4j.train.rl.RlResult;
import io.rlhf4j.train.rl.RlRunConfig;
import io.rlhf4j.train.rl.SyntheticPolicies;
import io.rlhf4j.train.rl.health.HealthConfig;
import io.rlhf4j.train.rl.rollout.RolloutConfig;
import io.rlhf4j.train.synthetic.SyntheticTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PPO on the synthetic task, trained against its ground-truth reward: the policy must end clearly
 * above its SFT start on that reward, on held-out prompts, while its KL to the frozen reference
 * stays under the configured bound; every step logs the full set of PPO metrics.
 */
class PpoTrainerTest {
    static final double KL_BOUND = 4.0;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the tests run: 12 steps of 32 prompts, 2 epochs of minibatches of 16, adaptive β. */
    static PpoConfig config() {
        return PpoConfig.builder().run(RlRunConfig.builder().steps(12)
                .rollout(new RolloutConfig(32, 1, SyntheticPolicies.MAX_NEW_TOKENS, 1.0, 0.5))
                .optim(OptimConfig.of(2e-3, 2, 16))
                .kl(KlConfig.adaptive(0.05, 1.0, 1000))
                .health(HealthConfig.builder().maxKl(KL_BOUND).build()).build()).build();
    }

    @Test
    void ppoRaisesTheGroundTruthRewardWhileKlStaysBounded(@TempDir Path dir) throws Exception {
        List<int[]> train = SyntheticTask.prompts(256, 1);
        List<int[]> heldOut = SyntheticTask.prompts(200, 99);
        try (NDManager m = NDManager.newBaseManager()) {
            CausalLm policy = SyntheticPolicies.sftPolicy(m);
            CausalLm reference = SyntheticPolicies.sftPolicy(m);
            double before = SyntheticPolicies.meanTrueReward(policy, heldOut, 5);
            RlResult result;
            double after, kl;
            try (PpoTrainer trainer = new PpoTrainer(config(), policy, reference, SyntheticPolicies.TRUE_REWARD, null, SyntheticTask.PAD);
                 MetricsLog log = new MetricsLog(dir.resolve(MetricsLog.RL_FILE))) {
                result = trainer.addListener(log).train(train, null);
                after = SyntheticPolicies.meanTrueReward(policy, heldOut, 5);
                kl = SyntheticPolicies.klToReference(policy, trainer.reference(), heldOut, 6);
            }
            System.out.printf("PPO: ground-truth reward %.3f -> %.3f, KL to reference %.3f nats%n", before, after, kl);
            assertThat(result.steps()).isEqualTo(12);
            assertThat(after).as("ground-truth reward after PPO vs the SFT start %.3f", before).isGreaterThan(before + 0.1);
            assertThat(kl).as("KL to the reference on held-out prompts").isBetween(0.0, KL_BOUND);
            assertThat(result.warnings()).as("a healthy run").isEmpty();

            List<String> lines = Files.readAllLines(dir.resolve(MetricsLog.RL_FILE));
            assertThat(lines).hasSize(12);
            JsonNode last = JSON.readTree(lines.get(11));
            for (String field : List.of("reward", "kl", "kl_coef", "entropy", "clip_fraction", "approx_kl", "value_loss",
                    "explained_variance", "response_length", "no_eos_fraction", "generation_ms", "scoring_ms", "training_ms")) {
                assertThat(last.has(field)).as(field).isTrue();
                assertThat(last.get(field).isNumber()).as(field).isTrue();
            }
            assertThat(last.get("step").asLong()).isEqualTo(12);
            assertThat(last.get("entropy").asDouble()).isPositive();
            assertThat(last.get("generation_ms").asDouble() + last.get("training_ms").asDouble()).isPositive();
            assertThat(last.get("kl_coef").asDouble()).as("the adaptive controller moved β").isNotEqualTo(0.05f);
        }
    }
}
