package io.rlhf4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rlhf4j.core.testing.SharedFiles;
import io.rlhf4j.train.lineage.Lineage;
import io.rlhf4j.train.reward.RewardModelScorer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The user's path through the commands: DPO on 40 real hh-rlhf pairs from stories260K, a reward
 * model on top of the DPO output, then {@code lineage} on the reward model answering which
 * judgments shaped it (both runs'). Few steps: this checks the wiring and the files, not learning.
 */
class TrainRewardDpoLineageCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static String run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = Rlhf4j.commandLine();
        cli.setOut(new PrintWriter(out));
        int code = cli.execute(args);
        assertThat(code).as("exit code of " + String.join(" ", args) + "\n" + out).isZero();
        return out.toString();
    }

    @Test
    void dpoThenRewardModelThenLineageNamesEveryJudgmentThatShapedIt(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("hh-40.jsonl");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(SharedFiles.resolve("data/hh-rlhf-harmless-base-test.jsonl.gz"))), StandardCharsets.UTF_8))) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 40; i++) lines.add(r.readLine());
            Files.write(data, lines);
        }
        String model = SharedFiles.resolve("models/stories260K/stories260K.bin").toString();
        Path dpo = tmp.resolve("dpo"), rm = tmp.resolve("rm");
        String common = "--data=" + data + ",--format=hh-rlhf,--max-steps=2,--batch-size=4,--max-length=48,--held-out-fraction=0.25";

        run(concat("train", "dpo", "--model=" + model, "--out=" + dpo, "--label-smoothing=0.1", common));
        assertThat(dpo.resolve("model.safetensors")).exists();
        assertThat(dpo.resolve("tokenizer.json")).exists();
        assertThat(Files.readAllLines(dpo.resolve("training_log.jsonl")).stream().filter(l -> l.contains("\"step\""))).hasSize(2);
        Lineage dpoLineage = Lineage.read(dpo);
        assertThat(dpoLineage.algorithm()).isEqualTo("cdpo");
        // 2 steps of 4 pairs drew 8 of the 30 training pairs (75% of 40, split by judgment): those 8 shaped it
        assertThat(dpoLineage.consumption().availableItems()).isEqualTo(30);
        assertThat(dpoLineage.consumption().pairs()).isEqualTo(8);
        assertThat(dpoLineage.judgments().count()).isEqualTo(8);
        assertThat(dpoLineage.reference().weightsSha256()).isEqualTo(io.rlhf4j.train.lineage.Sha256.ofFile(Path.of(model)));
        assertThat(dpoLineage.datasets().get(0).sha256()).isEqualTo(io.rlhf4j.train.lineage.Sha256.ofFile(data));
        assertThat(dpoLineage.baseModel().path()).endsWith("stories260K.bin");

        run(concat("train", "reward", "--model=" + dpo, "--out=" + rm, "--normalize-samples=4", "--seed=7", common));
        JsonNode config = JSON.readTree(rm.resolve("config.json").toFile());
        assertThat(config.has(RewardModelScorer.OFFSET_KEY)).isTrue();
        JsonNode summary = JSON.readTree(rm.resolve("reward_run.json").toFile());
        assertThat(summary.path("held_out_after").path("preferredPairs").asInt()).isEqualTo(10);
        assertThat(summary.path("normalisation").asText()).contains("reference-policy samples");
        Lineage rmLineage = Lineage.read(rm);
        assertThat(rmLineage.parent().algorithm()).isEqualTo("cdpo"); // the DPO run is the base model's lineage

        Set<String> rmIds = new HashSet<>(rmLineage.judgments().ids()), dpoIds = new HashSet<>(dpoLineage.judgments().ids());
        Set<String> union = new HashSet<>(rmIds);
        union.addAll(dpoIds);
        assertThat(rmIds).isNotEqualTo(dpoIds); // a different seed held out different judgments
        String ids = run("lineage", "--ids", rm.toString());
        assertThat(new HashSet<>(ids.lines().toList())).isEqualTo(union);
        String summaryText = run("lineage", rm.toString());
        assertThat(summaryText).contains("shaped by " + union.size() + " human judgments over 2 training runs")
                .contains("reward-model (seed 7").contains("consumed: 8 pairs over 0.27 epochs")
                .contains("└─ base model: " + dpo.toAbsolutePath().normalize() + " (weights sha256 ")
                .contains("   └─ cdpo (seed 42").contains("stories260K.bin");
    }

    static String[] concat(Object... parts) {
        List<String> out = new ArrayList<>();
        for (Object p : parts) {
            String s = p.toString();
            if (s.startsWith("--data=")) out.addAll(List.of(s.split(",")));
            else out.add(s);
        }
        return out.toArray(String[]::new);
    }
}
