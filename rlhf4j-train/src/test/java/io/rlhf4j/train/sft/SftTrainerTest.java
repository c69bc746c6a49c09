package io.rlhf4j.train.sft;

import ai.djl.ndarray.NDManager;
import io.rlhf4j.train.MetricsLog;
import io.rlhf4j.train.StepMetrics;
import io.rlhf4j.train.TrainResult;
import io.rlhf4j.train.TrainingListener;
import io.rlhf4j.train.checkpoint.CheckpointStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SftTrainerTest {
    // A character-level chat "template": <u> question <a> answer <eos>, loss on the answer and <eos>.
    private static final String CHARS = "abcdefghijklmnopqrstuvwxyz";
    private static final int USER = 27;
    private static final int ASSISTANT = 28;
    private static final int EOS = 29;
    private static final int VOCAB = 30;

    private static int[] chars(String s) {
        return s.chars().map(c -> CHARS.indexOf(c) + 1).toArray();
    }

    private static TokenizedExample chat(String question, String answer) {
        int[] q = chars(question);
        int[] a = chars(answer);
        int n = 1 + q.length + 1 + a.length + 1;
        int[] ids = new int[n];
        boolean[] mask = new boolean[n];
        ids[0] = USER;
        System.arraycopy(q, 0, ids, 1, q.length);
        ids[1 + q.length] = ASSISTANT;
        System.arraycopy(a, 0, ids, 2 + q.length, a.length);
        ids[n - 1] = EOS;
        for (int i = 2 + q.length; i < n; i++) mask[i] = true;
        return new TokenizedExample(ids, mask);
    }

    private static int[] prompt(String question) {
        int[] q = chars(question);
        int[] p = new int[q.length + 2];
        p[0] = USER;
        System.arraycopy(q, 0, p, 1, q.length);
        p[p.length - 1] = ASSISTANT;
        return p;
    }

    @Test
    void aTinyModelOverfitsASmallChatCorpusAndRegeneratesTheAnswers(@TempDir Path dir) throws Exception {
        List<TokenizedExample> corpus = List.of(chat("hi", "hello"), chat("bye", "ciao"), chat("ok", "fine"));
        SftConfig config = SftConfig.builder().maxSteps(150).batch(3, 1).learningRate(3e-2).evalSteps(50)
                .saveSteps(50).build();
        try (NDManager m = NDManager.newBaseManager()) {
            TinyCausalLm model = new TinyCausalLm(m, VOCAB, 32, 5);
            List<StepMetrics> steps = new ArrayList<>();
            Path log = dir.resolve("training_log.jsonl");
            TrainResult result = new SftTrainer(config, model.parameters, model::logits, EOS)
                    .addListener(new MetricsLog(log))
                    .addListener(new TrainingListener() {
                        @Override public void onStep(StepMetrics s) { steps.add(s); }
                    })
                    .train(corpus, corpus, new CheckpointStore(dir.resolve("checkpoints"), 1));
            assertThat(steps.get(0).loss()).isGreaterThan(2.0); // ~ln(30) at the start
            assertThat(result.lastLoss()).isLessThan(0.05);
            assertThat(result.lastEvalLoss()).isLessThan(0.05);
            // only assistant tokens count: 6 + 5 + 5 targets per pass over the corpus
            assertThat(steps.get(0).tokens()).isEqualTo(16);
            assertThat(model.greedy(m, prompt("hi"), EOS, 10)).containsExactly(append(chars("hello"), EOS));
            assertThat(model.greedy(m, prompt("bye"), EOS, 10)).containsExactly(append(chars("ciao"), EOS));
            assertThat(model.greedy(m, prompt("ok"), EOS, 10)).containsExactly(append(chars("fine"), EOS));
            List<String> lines = Files.readAllLines(log);
            assertThat(lines).hasSize(150);
            assertThat(lines.get(49)).contains("\"step\":50", "\"eval_loss\":", "\"tokens_per_s\":", "\"grad_norm\":");
            assertThat(dir.resolve("checkpoints/latest/model.safetensors")).exists();
        }
    }

    @Test
    void plainTextModeTrainsOnEveryTokenAndDropsExamplesWithoutTargets() {
        SftTrainer trainer = new SftTrainer(SftConfig.builder().assistantOnlyLoss(false).maxLength(4).build(), java.util.Map.of(),
                (ids, mask) -> ids, 0);
        TokenizedExample promptOnly = new TokenizedExample(new int[] {1, 2, 3}, new boolean[] {false, false, false});
        assertThat(trainer.prepare(List.of(promptOnly))).containsExactly(TokenizedExample.plain(new int[] {1, 2, 3}));
        SftTrainer assistantOnly = new SftTrainer(SftConfig.builder().maxLength(4).build(), java.util.Map.of(), (ids, mask) -> ids, 0);
        TokenizedExample lateAnswer = new TokenizedExample(new int[] {1, 2, 3, 4, 5}, new boolean[] {false, false, false, false, true});
        assertThat(assistantOnly.prepare(List.of(promptOnly, lateAnswer))).isEmpty();
    }

    private static int[] append(int[] a, int x) {
        int[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = x;
        return out;
    }
}
