package io.rlhf4j.train.rl;

import io.rlhf4j.train.MetricsLog;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rlhf4j.core.data.Conversation;
import io.rlhf4j.core.data.Turn;
import io.rlhf4j.core.testing.SharedFiles;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.model.chat.ChatTemplate;
import io.rlhf4j.model.tokenizer.Tokenizer;
import io.rlhf4j.model.tokenizer.Tokenizers;
import io.rlhf4j.model.io.ModelIO;
import io.rlhf4j.train.lineage.Lineage;
import io.rlhf4j.train.rl.rollout.RolloutConfig;
import io.rlhf4j.train.synthetic.SyntheticTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        RlRunConfig run = RlJob.defaultRun(12, 42)
                .withRollout(new RolloutConfig(32, 1, SyntheticPolicies.MAX_NEW_TOKENS, 1.0, 0.5))
                .withOptim(OptimConfig.of(2e-3, 2, 16))
                .withKl(KlConfig.fixed(1.0));
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
        Lineage lineage = Lineage.read(out);
        assertThat(lineage.algorithm()).isEqualTo("ppo");
        assertThat(lineage.datasets()).hasSize(1);
        assertThat(lineage.judgments().count()).as("the reward model's judgments shaped this policy").isEqualTo(1500);
        assertThat(Lineage.judgmentsThatShaped(out)).contains("pair-0");
    }

    @Test
    void badPromptFilesAreRejectedNamingFileLineAndField(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.jsonl");
        Files.write(bad, List.of("{\"prompt_ids\": [1, 5]}", "{\"text\": \"hello\"}"));
        assertThatThrownBy(() -> RlJob.readPrompts(bad, dir, "auto")).hasMessageContaining("bad.jsonl:2")
                .hasMessageContaining("\"prompt\"");
        Files.write(bad, List.of("{\"prompt\": [{\"role\": \"robot\", \"content\": \"hi\"}]}"));
        assertThatThrownBy(() -> RlJob.readPrompts(bad, dir, "auto")).hasMessageContaining("bad.jsonl:1")
                .hasMessageContaining("\"prompt\"[0].role");
        Files.write(bad, List.of("{\"prompt_ids\": [1, \"x\"]}"));
        assertThatThrownBy(() -> RlJob.readPrompts(bad, dir, "auto")).hasMessageContaining("bad.jsonl:1")
                .hasMessageContaining("\"prompt_ids\"[1]");
        Files.write(bad, List.of("{not json"));
        assertThatThrownBy(() -> RlJob.readPrompts(bad, dir, "auto")).hasMessageContaining("bad.jsonl:1").hasMessageContaining("JSON");
        Path text = dir.resolve("prompts.txt");
        Files.write(text, List.of("t5 t6"));
        assertThatThrownBy(() -> RlJob.readPrompts(text, dir, "auto")).hasMessageContaining("prompts.txt:1")
                .hasMessageContaining("tokenizer");
    }

    @Test
    void textPromptsGoThroughThePolicysTokenizerAndChatTemplateWhoseEndOfTurnStopsResponses(@TempDir Path dir) throws Exception {
        Path policy = dir.resolve("policy");
        Files.createDirectories(policy);
        Files.copy(SharedFiles.resolve("models/stories260K/tok512.bin"), policy.resolve("tok512.bin"));
        Path prompts = dir.resolve("prompts.jsonl");
        Files.write(prompts, List.of("{\"prompt\": \"Once upon a time\"}",
                "{\"prompt\": [{\"role\": \"system\", \"content\": \"Be kind.\"}, {\"role\": \"user\", \"content\": \"Hi\"}]}"));
        Tokenizer tok = Tokenizers.open(policy);
        ChatTemplate plain = ChatTemplate.byName("plain", tok);

        RlJob.Prompts templated = RlJob.readPrompts(prompts, policy, "plain");
        assertThat(templated.ids()).hasSize(2);
        assertThat(templated.ids().get(0)).containsExactly(plain.encodePrompt(Conversation.ofUser("Once upon a time")));
        assertThat(templated.ids().get(1)).containsExactly(plain.encodePrompt(
                Conversation.of(Turn.system("Be kind."), Turn.user("Hi"))));
        assertThat(templated.stopIds()).isEqualTo(plain.stopIds()).isNotEmpty();

        Path lines = dir.resolve("prompts.txt");
        Files.write(lines, List.of("Once upon a time", "", "The cat"));
        RlJob.Prompts rawText = RlJob.readPrompts(lines, policy, "none");
        assertThat(rawText.ids()).hasSize(2);
        assertThat(rawText.ids().get(1)).containsExactly(tok.encodeWithBos("The cat"));
        assertThat(rawText.stopIds()).isEmpty();
        assertThatThrownBy(() -> RlJob.readPrompts(prompts, policy, "none")).hasMessageContaining("prompts.jsonl:2")
                .hasMessageContaining("chat template");
    }
}
