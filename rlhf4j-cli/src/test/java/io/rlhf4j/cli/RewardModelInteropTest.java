package io.rlhf4j.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rlhf4j.core.format.DatasetFormat;
import io.rlhf4j.core.format.DatasetReader;
import io.rlhf4j.core.format.Formats;
import io.rlhf4j.core.testing.SharedFiles;
import io.rlhf4j.model.ScalarHeadModel;
import io.rlhf4j.model.chat.ChatTemplate;
import io.rlhf4j.model.io.ModelIO;
import io.rlhf4j.model.tokenizer.Tokenizer;
import io.rlhf4j.model.tokenizer.Tokenizers;
import io.rlhf4j.train.reward.PreferenceData;
import io.rlhf4j.train.reward.PreferenceExample;
import io.rlhf4j.train.reward.TokenSequences;
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
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A reward model saved by {@code train reward} read as transformers reads it: its config.json's
 * pad_token_id and tokenizer_config.json's chat_template, and the score taken where
 * *ForSequenceClassification takes it (the last position whose token is not the pad token), written
 * out here without rlhf4j's pooling. Its held-out accuracy must be rlhf4j's own.
 */
class RewardModelInteropTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path MODEL = SharedFiles.resolve("models/stories260K/stories260K.bin");

    private static int run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = Rlhf4j.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        return cli.execute(args);
    }

    static Path hhLines(Path dir, int n) throws Exception {
        Files.createDirectories(dir);
        Path data = dir.resolve("hh-" + n + ".jsonl");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(SharedFiles.resolve("data/hh-rlhf-harmless-base-test.jsonl.gz"))), StandardCharsets.UTF_8))) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < n; i++) lines.add(r.readLine());
            Files.write(data, lines);
        }
        return data;
    }

    @Test
    void heldOutAccuracyUnderTransformersPoolingIsRlhf4jsOwn(@TempDir Path tmp) throws Exception {
        Path data = hhLines(tmp, 80), rm = tmp.resolve("rm");
        assertThat(run("train", "reward", "--model=" + MODEL, "--data=" + data, "--format=hh-rlhf", "--out=" + rm,
                "--max-steps=6", "--batch-size=4", "--max-length=96", "--held-out-fraction=0.25", "--normalize-samples=0"))
                .isZero();
        JsonNode config = JSON.readTree(rm.resolve("config.json").toFile());
        JsonNode tokConfig = JSON.readTree(rm.resolve("tokenizer_config.json").toFile());
        int pad = config.get("pad_token_id").asInt();
        assertThat(pad).as("pad distinct from EOS, so the score is read at the end-of-turn token").isNotEqualTo(config.get("eos_token_id").asInt());
        assertThat(tokConfig.get("pad_token").asText()).isEqualTo("<unk>");

        Tokenizer tok = Tokenizers.open(rm);
        ChatTemplate chat = ChatTemplate.byName("auto", tok);
        assertThat(tokConfig.get("chat_template").asText()).isEqualTo(chat.jinja());
        // the held-out pairs of the run: same file, template and split seed
        PreferenceData prefs = new PreferenceData(chat);
        try (DatasetReader reader = Formats.open(DatasetFormat.HH_RLHF, data)) {
            prefs.addAll(reader);
        }
        List<PreferenceExample> heldOut = PreferenceData.split(prefs.examples(), 0.25, 42).heldOut();
        assertThat(heldOut).hasSize(20);

        double correct = 0, correctIfPadWereEos = 0;
        int eos = config.get("eos_token_id").asInt();
        try (NDManager m = NDManager.newBaseManager(); ScalarHeadModel model = ModelIO.loadScalarHead(rm, m)) {
            for (PreferenceExample e : heldOut) {
                int[] chosen = TokenSequences.join(e.prompt(), e.chosen(), 96), rejected = TokenSequences.join(e.prompt(), e.rejected(), 96);
                float[][] values = rightPaddedValues(model, m, List.of(chosen, rejected), pad);
                double rc = values[0][lastNonPad(chosen, pad)], rr = values[1][lastNonPad(rejected, pad)];
                correct += rc > rr ? 1 : rc == rr ? 0.5 : 0;
                double ec = values[0][lastNonPad(chosen, eos)], er = values[1][lastNonPad(rejected, eos)];
                correctIfPadWereEos += ec > er ? 1 : ec == er ? 0.5 : 0;
            }
        }
        double rlhf4j = JSON.readTree(rm.resolve("reward_run.json").toFile()).path("held_out_after").path("accuracy").asDouble();
        assertThat(correct / heldOut.size()).isCloseTo(rlhf4j, within(1e-9));
        System.out.printf("held-out accuracy: rlhf4j %.4f, HF pooling %.4f, HF pooling had pad been EOS %.4f%n",
                rlhf4j, correct / heldOut.size(), correctIfPadWereEos / heldOut.size());
    }

    /** HF's rule, written out: the last index whose token is not the pad token. */
    private static int lastNonPad(int[] ids, int pad) {
        for (int i = ids.length - 1; i >= 0; i--) if (ids[i] != pad) return i;
        return 0;
    }

    /** Per-position values of sequences right-padded with {@code pad} (as a tokenizer with padding_side right does). */
    private static float[][] rightPaddedValues(ScalarHeadModel model, NDManager m, List<int[]> seqs, int pad) {
        int t = seqs.stream().mapToInt(s -> s.length).max().orElseThrow();
        long[] ids = new long[seqs.size() * t], mask = new long[seqs.size() * t];
        for (int b = 0; b < seqs.size(); b++) {
            for (int i = 0; i < t; i++) {
                boolean real = i < seqs.get(b).length;
                ids[b * t + i] = real ? seqs.get(b)[i] : pad;
                mask[b * t + i] = real ? 1 : 0;
            }
        }
        try (NDManager step = m.newSubManager()) {
            float[] flat = model.values(step.create(ids, new Shape(seqs.size(), t)), step.create(mask, new Shape(seqs.size(), t)))
                    .toFloatArray();
            float[][] out = new float[seqs.size()][t];
            for (int b = 0; b < seqs.size(); b++) System.arraycopy(flat, b * t, out[b], 0, t);
            return out;
        }
    }

    @Test
    void aBrokenModelFailsBeforeTheDataIsReadAndLeavesNoOutputFolder(@TempDir Path tmp) throws Exception {
        Path data = hhLines(tmp, 30);
        Files.writeString(data, Files.readString(data) + "{\"chosen\": \"broken\n"); // a bad last line too
        byte[] whole = Files.readAllBytes(MODEL);
        Path corrupt = tmp.resolve("corrupt.bin");
        Files.write(corrupt, java.util.Arrays.copyOf(whole, whole.length / 3));
        Files.copy(SharedFiles.resolve("models/stories260K/tok512.bin"), tmp.resolve("tok512.bin"));
        Path out = tmp.resolve("rm");
        StringWriter err = new StringWriter();
        CommandLine cli = Rlhf4j.commandLine();
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("train", "reward", "--model=" + corrupt, "--data=" + data, "--format=hh-rlhf", "--out=" + out))
                .isEqualTo(2);
        // the model is checked first: its error, not the data's last line
        assertThat(err.toString()).contains("corrupt.bin: truncated").doesNotContain("broken JSON");
        assertThat(out).doesNotExist();

        // with a good model, the data's bad line is found before tokenising, and the folder goes too
        err.getBuffer().setLength(0);
        assertThat(cli.execute("train", "reward", "--model=" + MODEL, "--data=" + data, "--format=hh-rlhf", "--out=" + out))
                .isEqualTo(2);
        assertThat(err.toString()).contains(data + ":31: broken JSON");
        assertThat(out).doesNotExist();

        // a failure after the run made its folder: the folder is removed, as it holds no checkpoint
        Path good = hhLines(tmp.resolve("good"), 30);
        err.getBuffer().setLength(0);
        assertThat(cli.execute("train", "reward", "--model=" + MODEL, "--data=" + good, "--format=hh-rlhf", "--out=" + out,
                "--annotator-weights=" + tmp.resolve("missing-weights.json"))).isEqualTo(2);
        assertThat(err.toString()).contains("missing-weights.json: no such file");
        assertThat(out).doesNotExist();
    }
}
