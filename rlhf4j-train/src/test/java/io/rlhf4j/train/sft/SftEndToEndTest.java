package io.rlhf4j.train.sft;

import io.rlhf4j.train.MetricsLog;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rlhf4j.core.data.Conversation;
import io.rlhf4j.core.data.Turn;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.model.chat.ChatTemplate;
import io.rlhf4j.model.generate.Generator;
import io.rlhf4j.model.generate.SamplingConfig;
import io.rlhf4j.model.io.Llama2cCheckpoint;
import io.rlhf4j.model.io.ModelIO;
import io.rlhf4j.model.io.Safetensors;
import io.rlhf4j.model.tokenizer.HfTokenizer;
import io.rlhf4j.train.checkpoint.CheckpointStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code train sft} as a user runs it, through {@link SftJob}: the fine-tuned stories260K answers
 * its lessons when loaded back from the output directory, a run killed with SIGKILL resumes to the
 * very same weights and loss, and the saved HF directory gives identical logits.
 */
class SftEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRunKilledWithSigkillResumesToTheSameWeightsAndLossAsAnUninterruptedOne(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("lessons.jsonl");
        long steps = 30;
        SftJob.Outcome reference = SftJobMain.job(data, dir.resolve("uninterrupted"), steps, 5).run(List.of(), s -> { }, null);
        assertThat(reference.result().resumedFromStep()).isZero();

        Path killed = dir.resolve("killed");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true"));
        String threads = System.getProperty("ai.djl.pytorch.num_threads");
        if (threads != null) command.add("-Dai.djl.pytorch.num_threads=" + threads); // same arithmetic as this JVM
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SftJobMain.class.getName(),
                data.toString(), killed.toString(), Long.toString(steps)));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()));
        List<String> seen = new ArrayList<>();
        for (String line = out.readLine(); line != null && !line.equals("checkpoint 10"); line = out.readLine()) seen.add(line);
        Thread.sleep(30); // into the steps after the checkpoint
        p.destroyForcibly(); // SIGKILL: no shutdown hook, no final save
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).as("the child was killed mid-run, not after it finished").doesNotContain("done");
        assertThat(killed.resolve("model.safetensors")).as("no final model yet").doesNotExist();

        SftJob.Outcome resumed = SftJobMain.job(data, killed, steps, 5).run(List.of(), s -> { }, null);
        assertThat(resumed.result().resumedFromStep()).isBetween(10L, steps - 1);
        assertThat(resumed.result().steps()).isEqualTo(steps);
        assertThat(resumed.result().lastLoss()).isEqualTo(reference.result().lastLoss());
        assertThat(resumed.result().lastEvalLoss()).isEqualTo(reference.result().lastEvalLoss());
        assertThat(resumed.result().tokensSeen()).isEqualTo(reference.result().tokensSeen());

        // bit-identical final weights, and a metrics log with one line per step, the same losses
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> a = Safetensors.read(dir.resolve("uninterrupted/model.safetensors"), m);
            Map<String, NDArray> b = Safetensors.read(killed.resolve("model.safetensors"), m);
            assertThat(b.keySet()).isEqualTo(a.keySet());
            for (String name : a.keySet()) {
                assertThat(b.get(name).toFloatArray()).as(name).containsExactly(a.get(name).toFloatArray());
            }
        }
        List<String> logA = Files.readAllLines(dir.resolve("uninterrupted").resolve(MetricsLog.TRAIN_FILE));
        List<String> logB = Files.readAllLines(killed.resolve(MetricsLog.TRAIN_FILE));
        assertThat(logB).hasSize((int) steps);
        for (int i = 0; i < steps; i++) {
            assertThat(JSON.readTree(logB.get(i)).get("loss").asDouble()).as("loss at step " + (i + 1))
                    .isEqualTo(JSON.readTree(logA.get(i)).get("loss").asDouble());
        }
    }

    @Test
    void theFinetunedModelAnswersItsLessonsAndItsDirectoryLoadsBackWithIdenticalLogits(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        SftJob job = SftJobMain.job(dir.resolve("lessons.jsonl"), out, 150, 150);
        SftJob.Outcome outcome = job.run(List.of(), s -> { }, null);
        assertThat(outcome.result().lastLoss()).isLessThan(0.1);

        try (NDManager m = NDManager.newBaseManager();
             CausalLm loaded = ModelIO.load(out, m);
             HfTokenizer tok = HfTokenizer.open(out);
             CausalLm fromCheckpoint = Llama2cCheckpoint.load(SftJobMain.stories260K(), m)) {
            // generation, as a user would: the output directory's model and tokenizer.json, the chat template, stop ids
            ChatTemplate template = job.chatTemplate(tok);
            Generator generator = new Generator(loaded, tok);
            SamplingConfig greedy = SamplingConfig.greedy(40).withStopIds(template.stopIds());
            for (String[] lesson : SftJobMain.LESSONS) {
                int[] prompt = template.encodePrompt(Conversation.of(Turn.user(lesson[0])));
                var answer = generator.generate(prompt, greedy).get(0);
                assertThat(answer.text(tok).strip()).as(lesson[0]).isEqualTo(lesson[1]);
            }

            // the saved directory = the weights training ended with (its last checkpoint), logit for logit
            Path last = new CheckpointStore(out.resolve("checkpoints"), 1).latest().orElseThrow();
            Map<String, NDArray> trained = Safetensors.read(last.resolve("model.safetensors"), m);
            fromCheckpoint.parameters().forEach((name, p) -> p.set(trained.get(name).toFloatArray()));
            NDArray ids = m.create(new long[][] {toLongs(template.encode(Conversation.of(
                    Turn.user(SftJobMain.LESSONS[1][0]), Turn.assistant("Lily went to the park."))).ids())});
            NDArray expected = fromCheckpoint.forward(ids, null), actual = loaded.forward(ids, null);
            assertThat(actual.getShape()).isEqualTo(expected.getShape());
            assertThat(actual.sub(expected).abs().max().getFloat()).isZero();
        }
    }

    private static long[] toLongs(int[] ids) {
        long[] out = new long[ids.length];
        for (int i = 0; i < ids.length; i++) out[i] = ids[i];
        return out;
    }
}
