package io.rlhf4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.rlhf4j.core.testing.SharedFiles;
import io.rlhf4j.train.MetricsLog;
import io.rlhf4j.train.reward.RewardEnsemble;
import io.rlhf4j.train.rl.RlJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static io.rlhf4j.cli.TrainRewardDpoLineageCommandTest.JSON;
import static io.rlhf4j.cli.TrainRewardDpoLineageCommandTest.concat;
import static io.rlhf4j.cli.TrainRewardDpoLineageCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The over-optimisation defences as a user reaches them, on stories260K and 40 real hh-rlhf pairs:
 * a reward-model ensemble with early-stopping evaluations, PPO with reward normalisation, PPO-ptx
 * and validation on held-out pairs (the run names its chosen checkpoint), then a second round whose
 * reference is inherited from the first. Few steps: this checks the wiring and the files, not learning.
 */
class TrainDefencesCommandTest {
    @Test
    void ensembleRewardModelThenValidatedPpoPtxThenASecondRoundAnchoredToTheFirstReference(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("hh-40.jsonl"), prompts = tmp.resolve("prompts.jsonl");
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(SharedFiles.resolve("data/hh-rlhf-harmless-base-test.jsonl.gz"))), StandardCharsets.UTF_8))) {
            for (int i = 0; i < 40; i++) lines.add(r.readLine());
        }
        Files.write(data, lines);
        Path few = tmp.resolve("hh-8.jsonl"); // held-out pairs and demonstrations: a few suffice to check the wiring
        Files.write(few, lines.subList(32, 40));
        Files.write(prompts, List.of("{\"prompt\": \"Tell me a story.\"}", "{\"prompt\": \"Who is your friend?\"}",
                "{\"prompt\": \"What do cats like?\"}", "{\"prompt\": \"Where is the park?\"}"));
        String model = SharedFiles.resolve("models/stories260K/stories260K.bin").toString();
        Path policy = tmp.resolve("policy"), rm = tmp.resolve("rm"), ppo = tmp.resolve("ppo"), ppo2 = tmp.resolve("ppo2");
        String common = "--data=" + data + ",--format=hh-rlhf,--max-steps=2,--batch-size=4,--max-length=48,--held-out-fraction=0.25";
        run(concat("train", "dpo", "--model=" + model, "--out=" + policy, common)); // an HF-layout policy to start from

        run(concat("train", "reward", "--model=" + policy, "--out=" + rm, "--normalize-samples=4", "--ensemble-size=2",
                "--ensemble-k=1", "--eval-steps=1", common));
        assertThat(RewardEnsemble.memberDirs(rm)).hasSize(2);
        JsonNode member = JSON.readTree(rm.resolve("member-1/reward_run.json").toFile());
        assertThat(member.path("seed").asLong()).isEqualTo(43);
        assertThat(member.path("held_out_evaluations")).hasSize(2); // one per step at --eval-steps=1
        assertThat(member.path("best_step").asLong()).isBetween(1L, 2L);

        List<String> rl = List.of("--reward=" + rm, "--prompts=" + prompts, "--prompts-per-step=4", "--max-new-tokens=8",
                "--minibatch-size=4", "--epochs=1", "--reward-norm-samples=4");
        List<String> first = new ArrayList<>(List.of("train", "ppo", "--policy=" + policy, "--out=" + ppo, "--steps=2",
                "--validation-pairs=" + few, "--validation-format=hh-rlhf", "--validate-every=1", "--ptx-coef=0.5",
                "--ptx-data=" + few, "--ptx-format=hh-rlhf"));
        first.addAll(rl);
        run(first.toArray(String[]::new));
        JsonNode record = JSON.readTree(ppo.resolve(RlJob.RUN_FILE).toFile());
        assertThat(record.path("reference").asText()).isEqualTo(policy.toAbsolutePath().normalize().toString());
        assertThat(record.path("reward_normalization").path("samples").asInt()).isEqualTo(4);
        assertThat(record.path("validation").asText()).contains("held-out human preference pairs");
        JsonNode chosen = record.path("selected_checkpoint");
        assertThat(chosen.path("curve")).hasSize(3); // steps 0, 1, 2
        assertThat(chosen.path("step").asLong()).isBetween(0L, 2L);
        assertThat(chosen.path("reason").asText()).isNotBlank();
        assertThat(record.path("ptx_demonstrations").asInt()).isPositive();
        JsonNode firstStep = JSON.readTree(Files.readAllLines(ppo.resolve(MetricsLog.RL_FILE)).get(0));
        assertThat(firstStep.path("ptx_loss").asDouble()).isPositive();

        List<String> second2 = new ArrayList<>(List.of("train", "ppo", "--policy=" + ppo, "--out=" + ppo2, "--steps=1"));
        second2.addAll(rl);
        run(second2.toArray(String[]::new));
        JsonNode second = JSON.readTree(ppo2.resolve(RlJob.RUN_FILE).toFile());
        assertThat(second.path("reference").asText()).as("round 2 stays anchored to round 1's reference")
                .isEqualTo(policy.toAbsolutePath().normalize().toString());
        assertThat(second.path("reference_source").asText()).contains("inherited");
    }
}
