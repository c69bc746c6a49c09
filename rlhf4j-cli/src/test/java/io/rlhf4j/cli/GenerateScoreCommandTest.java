package io.rlhf4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rlhf4j.core.testing.SharedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code generate} and {@code score} as a user runs them, on the real stories260K and hh-rlhf files. */
class GenerateScoreCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String MODEL = SharedFiles.resolve("models/stories260K/stories260K.bin").toString();

    private static String run(int expectedCode, String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cli = Rlhf4j.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        assertThat(code).as("exit code of %s\n%s%s", String.join(" ", args), out, err).isEqualTo(expectedCode);
        return out + err.toString();
    }

    /** The greedy reference text of the model's README (the indented block after "first 80 generated tokens"). */
    private static String readmeReference() throws Exception {
        List<String> lines = Files.readAllLines(SharedFiles.resolve("models/stories260K/README.md"));
        StringBuilder ref = new StringBuilder();
        boolean in = false;
        for (String line : lines) {
            if (line.startsWith("Reference output")) in = true;
            else if (in && line.startsWith("    ")) ref.append(ref.isEmpty() ? "" : "\n").append(line.substring(4));
            else if (in && !ref.isEmpty()) break;
        }
        return ref.toString();
    }

    @Test
    void greedyGenerationPrintsTheReadmesReferenceContinuation() throws Exception {
        String out = run(0, "generate", "--model", MODEL, "--prompt", "Once upon a time", "--temperature", "0",
                "--max-new-tokens", "20").strip();
        assertThat(out).startsWith("Once upon a time, there was a little girl named Lily.").hasSizeGreaterThan(60);
        assertThat(readmeReference()).startsWith(out);
    }

    @Test
    void generationToJsonlWritesOneLinePerSampleAndFailsEarlyOnBadInput(@TempDir Path tmp) throws Exception {
        Path prompts = tmp.resolve("prompts.txt");
        Files.write(prompts, List.of("Once upon a time", "", "Tom had a big dog"));
        Path out = tmp.resolve("gen.jsonl");
        String said = run(0, "generate", "--model", MODEL, "--prompts", prompts.toString(), "--samples", "3",
                "--temperature", "0.8", "--top-k", "40", "--max-new-tokens", "12", "--batch-size", "4", "--out", out.toString());
        assertThat(said).contains("6 completions for 2 prompts");
        List<JsonNode> lines = new ArrayList<>();
        for (String l : Files.readAllLines(out)) lines.add(JSON.readTree(l));
        assertThat(lines).hasSize(6);
        assertThat(lines.get(5).get("prompt").asText()).isEqualTo("Tom had a big dog");
        assertThat(lines.get(5).get("sample").asInt()).isEqualTo(2);
        for (JsonNode l : lines) assertThat(l.get("completion_tokens").asInt()).isBetween(1, 12);
        assertThat(tmp.resolve("gen.jsonl.partial")).doesNotExist();

        assertThat(run(2, "generate", "--model", SharedFiles.resolve("models/stories260K").toString(), "--prompt", "x"))
                .contains("without config.json").contains("stories260K.bin");
        assertThat(run(2, "generate", "--model", MODEL, "--prompt", "x", "--max-new-tokens", "600"))
                .contains("exceed the model's context of 512");
    }

    @Test
    void scoreRunsASavedRewardModelOverPairsAndSingleResponses(@TempDir Path tmp) throws Exception {
        Path data = RewardModelInteropTest.hhLines(tmp, 24);
        Path rm = tmp.resolve("rm");
        run(0, "train", "reward", "--model=" + MODEL, "--out=" + rm, "--data=" + data, "--format=hh-rlhf", "--max-steps=2",
                "--batch-size=4", "--max-length=64", "--normalize-samples=4");

        Path input = tmp.resolve("to-score.jsonl");
        Files.write(input, List.of(
                "{\"prompt\": \"Is the sky blue?\", \"chosen\": \"Yes, on a clear day.\", \"rejected\": \"No.\"}",
                "{\"prompt\": \"Is the sky blue?\", \"response\": \"Yes, on a clear day.\"}",
                "{\"prompt\": [{\"role\": \"user\", \"content\": \"Hi\"}], \"completion\": \"Hello there, how can I help?\"}"));
        Path out = tmp.resolve("scores.jsonl");
        String said = run(0, "score", "--model", rm.toString(), "--data", input.toString(), "--out", out.toString(), "--batch-size", "2");
        assertThat(said).contains("scored 3 lines").contains("pairs: chosen scored higher in");
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(3);
        JsonNode pair = JSON.readTree(lines.get(0)), single = JSON.readTree(lines.get(1));
        assertThat(pair.get("score_chosen").asDouble()).isNotEqualTo(pair.get("score_rejected").asDouble());
        // the same prompt and response score the same alone and inside a padded batch of a pair
        assertThat(single.get("score").asDouble()).isCloseTo(pair.get("score_chosen").asDouble(), org.assertj.core.data.Offset.offset(1e-4));
        assertThat(JSON.readTree(lines.get(2)).get("score").isNumber()).isTrue();

        Files.write(input, List.of("{\"prompt\": \"a\", \"response\": 3}"));
        assertThat(run(2, "score", "--model", rm.toString(), "--data", input.toString(), "--out", out.toString()))
                .contains("to-score.jsonl:1: field \"response\": expected a string");
        assertThat(run(2, "score", "--model", MODEL, "--data", input.toString(), "--out", out.toString()))
                .contains("not a reward model directory");
    }
}
