package io.rlhf4j.train.rl;

import io.rlhf4j.train.MetricsLog;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.model.io.ModelIO;
import io.rlhf4j.train.lineage.Lineage;
import io.rlhf4j.train.rl.health.HealthConfig;
import io.rlhf4j.train.rl.rollout.RolloutConfig;
import io.rlhf4j.train.synthetic.SyntheticTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code train ppo|grpo} as the CLI runs it: directories in, an HF policy directory out with its
 * log, run record and lineage, and a ground-truth gain from training against a learned reward model.
 */
class RlJobTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void ppoAgainstTheRewardModelWritesALoadablePolicyThatBeatsItsStartOnTheGroundTruth(@TempDir Path dir) throws Exception {
        Path prompts = dir.resolve("prompts.jsonl");
        List<String> lines = new ArrayList<>();
        for (int[] p : SyntheticTask.prompts(256, 1)) lines.add(JSON.writeValueAsString(java.util.Map.of("prompt_ids", p)));
        Files.write(prompts, lines);
        Path out = dir.resolve("ppo");
        RlRunConfig run = RlRunConfig.builder().steps(12).seed(42)
                .rollout(new RolloutConfig(32, 1, SyntheticPolicies.MAX_NEW_TOKENS, 1.0, 0.5))
                .optim(OptimConfig.of(2e-3, 2, 16))
                .kl(KlConfig.fixed(0.2)).build(); // rewards normalised to the reference's std: β in std per nat
        RlJob.Outcome outcome = new RlJob(RlJob.Algorithm.PPO, SyntheticPolicies.sftPolicyDir(), SyntheticPolicies.rewardModelDir(),
                prompts, out, run).run(List.of(new RlListener() {
                    @Override public void onStep(RlStepMetrics s) {
                        System.out.printf("step %d reward %.3f kl %.3f len %.2f%n", s.step(), s.reward(), s.kl(), s.responseLength());
                    }
                }));
        assertThat(outcome.prompts()).isEqualTo(256);
        assertThat(outcome.result().steps()).isEqualTo(12);

        List<int[]> heldOut = SyntheticTask.prompts(200, 99);
        try (NDManager m = NDManager.newBaseManager(); CausalLm trained = ModelIO.load(out, m);
             CausalLm start = ModelIO.load(SyntheticPolicies.sftPolicyDir(), m)) {
            double before = SyntheticPolicies.meanTrueReward(start, heldOut, 5);
            double after = SyntheticPolicies.meanTrueReward(trained, heldOut, 5);
            double kl = SyntheticPolicies.klToReference(trained, start, heldOut, 6);
            System.out.printf("PPO against the reward model (accuracy %.3f): ground truth %.3f -> %.3f, KL %.3f%n",
                    SyntheticPolicies.rewardModelAccuracy(), before, after, kl);
            assertThat(after).as("ground truth after PPO on the learned reward vs start %.3f", before).isGreaterThan(before + 0.05);
            assertThat(kl).isBetween(0.0, 4.0);
        }
        assertThat(Files.readAllLines(out.resolve(MetricsLog.RL_FILE))).hasSize(12);
        JsonNode record = JSON.readTree(out.resolve(RlJob.RUN_FILE).toFile());
        assertThat(record.get("trainer").asText()).isEqualTo("ppo");
        assertThat(record.get("steps").asLong()).isEqualTo(12);
        Path sft = SyntheticPolicies.sftPolicyDir().toAbsolutePath().normalize();
        assertThat(record.get("reference").asText()).isEqualTo(sft.toString());
        assertThat(record.get("reference_source").asText()).contains("starting policy");
        assertThat(record.get("reward_normalization").get("samples").asInt()).isEqualTo(run.rewardNormSamples());

        // round 2 starts from the round-1 policy and, with no --reference, inherits round 1's: SFT, not round 1
        Path round2 = dir.resolve("round2");
        RlRunConfig oneStep = run.toBuilder().steps(1).build();
        new RlJob(RlJob.Algorithm.PPO, out, SyntheticPolicies.rewardModelDir(), prompts, round2, oneStep).run(List.of());
        JsonNode second = JSON.readTree(round2.resolve(RlJob.RUN_FILE).toFile());
        assertThat(second.get("reference").asText()).isEqualTo(sft.toString());
        assertThat(second.get("reference_source").asText()).contains("inherited");
        double round2Kl = JSON.readTree(Files.readAllLines(round2.resolve(MetricsLog.RL_FILE)).get(0)).get("kl").asDouble();
        assertThat(round2Kl).as("the first step of round 2 already measures KL to SFT, not 0 to itself").isGreaterThan(0.05);
        Lineage lineage = Lineage.read(out);
        assertThat(lineage.algorithm()).isEqualTo("ppo");
        assertThat(lineage.datasets()).hasSize(1);
        assertThat(lineage.judgments().count()).as("the reward model's judgments shaped this policy").isEqualTo(1500);
        assertThat(Lineage.judgmentsThatShaped(out)).contains("pair-0");
        assertThat(lineage.rewardModel().weightsSha256())
                .isEqualTo(io.rlhf4j.train.lineage.ModelRef.of(SyntheticPolicies.rewardModelDir()).weightsSha256());
        assertThat(lineage.rewardModelLineage().algorithm()).isEqualTo("reward-model");
        assertThat(lineage.reference().path()).isEqualTo(SyntheticPolicies.sftPolicyDir().toAbsolutePath().normalize().toString());
        double stepSeconds = 0;
        for (String line : Files.readAllLines(out.resolve(MetricsLog.RL_FILE))) stepSeconds += JSON.readTree(line).get("step_ms").asDouble() / 1000;
        assertThat(lineage.wallSeconds()).as("the run's training time, not the moment lineage was written").isGreaterThanOrEqualTo(stepSeconds);
    }
}
