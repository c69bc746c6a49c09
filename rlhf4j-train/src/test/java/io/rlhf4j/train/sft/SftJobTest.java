package io.rlhf4j.train.sft;

import io.rlhf4j.train.MetricsLog;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rlhf4j.core.testing.SharedFiles;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.model.io.Llama2cCheckpoint;
import io.rlhf4j.model.io.ModelIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SftJobTest {
    private static Path messagesFile(Path dir) throws Exception {
        List<String> lines = new ArrayList<>();
        String[][] pairs = {{"Tell me about the cat.", "The cat sat on the mat."}, {"Who is Lily?", "Lily is a girl who likes to play."},
                {"What did Tom see?", "Tom saw a big red ball."}, {"Is the sun hot?", "Yes, the sun is very hot."},
                {"Where is the dog?", "The dog is in the park."}, {"What is blue?", "The sky is blue."},
                {"Can birds fly?", "Yes, birds can fly high."}, {"Say hi.", "Hi! How are you?"}};
        for (String[] p : pairs) {
            lines.add("{\"messages\":[{\"role\":\"user\",\"content\":\"" + p[0] + "\"},{\"role\":\"assistant\",\"content\":\""
                    + p[1] + "\"}]}");
        }
        Path file = dir.resolve("sft.jsonl");
        Files.write(file, lines);
        return file;
    }

    @Test
    void finetunesTheLlama2cStoriesModelOnTrlMessagesWritesHfLayoutAndResumes(@TempDir Path dir) throws Exception {
        Path bin = SharedFiles.resolve("models/stories260K/stories260K.bin");
        Path out = dir.resolve("out");
        SftConfig config = SftConfig.builder().maxSteps(6).batch(2, 1).learningRate(1e-3).saveSteps(3)
                .evalSteps(3).maxLength(96).build();
        SftJob job = new SftJob(ModelSource.ofPath(bin), dir.resolve("no-such-tokenizer"), messagesFile(dir), "trl", null,
                0.25, out, config, "auto", true);
        // the tokenizer defaults to the tok*.bin beside the model
        SftJob withDefaultTokenizer = new SftJob(job.model(), null, job.data(), "trl", null, 0.25, out, config, "auto", true);
        assertThat(withDefaultTokenizer.tokenizerPath()).isEqualTo(bin.toAbsolutePath().getParent());

        List<String> info = new ArrayList<>();
        SftJob.Outcome first = withDefaultTokenizer.run(List.of(), info::add, null);
        assertThat(first.trainExamples()).isEqualTo(6);
        assertThat(first.evalExamples()).isEqualTo(2);
        assertThat(first.result().steps()).isEqualTo(6);
        assertThat(first.result().lastEvalLoss()).isNotNull().isFinite();
        assertThat(out.resolve("config.json")).exists();
        assertThat(out.resolve("model.safetensors")).exists();
        assertThat(out.resolve("tokenizer.json")).exists();
        assertThat(Files.readAllLines(out.resolve(MetricsLog.TRAIN_FILE))).hasSize(6);
        assertThat(new ObjectMapper().readTree(out.resolve(SftJob.RUN_FILE).toFile()).get("train_examples").asInt()).isEqualTo(6);
        assertThat(info.get(0)).contains("llama", "6 train / 2 eval");

        try (NDManager m = NDManager.newBaseManager();
             CausalLm saved = ModelIO.load(out, m);
             CausalLm original = Llama2cCheckpoint.load(bin, m)) {
            String name = "model.layers.0.mlp.down_proj.weight";
            NDArray a = saved.parameters().get(name);
            assertThat(a).isNotNull();
            assertThat(a.toFloatArray()).isNotEqualTo(original.parameters().get(name).toFloatArray());
        }

        // a longer run in the same --out continues from the checkpoint of step 6 instead of starting over
        SftJob longer = new SftJob(job.model(), null, job.data(), "trl", null, 0.25, out, config.toBuilder().maxSteps(9).build(), "auto", true);
        SftJob.Outcome second = longer.run(List.of(), s -> { }, null);
        assertThat(second.result().resumedFromStep()).isEqualTo(6);
        assertThat(second.result().steps()).isEqualTo(9);
        assertThat(Files.readAllLines(out.resolve(MetricsLog.TRAIN_FILE))).hasSize(9);
    }

    @Test
    void pretrainsAFreshGpt2OnPlainText(@TempDir Path dir) throws Exception {
        Path text = dir.resolve("stories.txt");
        Files.writeString(text, "Once upon a time there was a cat.\n\nThe cat liked milk.\n\nOne day the cat met a dog.\n");
        Path tok = SharedFiles.resolve("models/stories260K/tok512.bin");
        SftConfig config = SftConfig.builder().maxSteps(30).batch(1, 1).learningRate(1e-2).maxLength(64)
                .saveSteps(0).build();
        SftJob job = new SftJob(new ModelSource.Fresh("gpt2:layers=1,dim=32,heads=2,context=64", 3), tok, text, "text", text,
                0, dir.resolve("out"), config, "auto", false);
        SftJob.Outcome outcome = job.run(List.of(), s -> { }, null);
        List<String> log = Files.readAllLines(dir.resolve("out").resolve(MetricsLog.TRAIN_FILE));
        double firstLoss = new ObjectMapper().readTree(log.get(0)).get("loss").asDouble();
        assertThat(outcome.result().lastLoss()).isLessThan(firstLoss / 2);
        assertThat(new ObjectMapper().readTree(dir.resolve("out/config.json").toFile()).get("model_type").asText()).isEqualTo("gpt2");
    }
}
