package io.rlhf4j.train.data;

import io.rlhf4j.core.data.Conversation;
import io.rlhf4j.core.data.Turn;
import io.rlhf4j.core.testing.SharedFiles;
import io.rlhf4j.model.chat.ChatTemplate;
import io.rlhf4j.model.tokenizer.Tokenizer;
import io.rlhf4j.model.tokenizer.Tokenizers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RL prompt files: JSONL with text, conversations or token ids, or plain text lines. */
class PromptFileTest {

    @Test
    void badPromptFilesAreRejectedNamingFileLineAndField(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.jsonl");
        Files.write(bad, List.of("{\"prompt_ids\": [1, 5]}", "{\"text\": \"hello\"}"));
        assertThatThrownBy(() -> PromptFile.read(bad, dir, "auto")).hasMessageContaining("bad.jsonl:2")
                .hasMessageContaining("\"prompt\"");
        Files.write(bad, List.of("{\"prompt\": [{\"role\": \"robot\", \"content\": \"hi\"}]}"));
        assertThatThrownBy(() -> PromptFile.read(bad, dir, "auto")).hasMessageContaining("bad.jsonl:1")
                .hasMessageContaining("\"prompt\"[0].role");
        Files.write(bad, List.of("{\"prompt_ids\": [1, \"x\"]}"));
        assertThatThrownBy(() -> PromptFile.read(bad, dir, "auto")).hasMessageContaining("bad.jsonl:1")
                .hasMessageContaining("\"prompt_ids\"[1]");
        Files.write(bad, List.of("{not json"));
        assertThatThrownBy(() -> PromptFile.read(bad, dir, "auto")).hasMessageContaining("bad.jsonl:1").hasMessageContaining("JSON");
        Path text = dir.resolve("prompts.txt");
        Files.write(text, List.of("t5 t6"));
        assertThatThrownBy(() -> PromptFile.read(text, dir, "auto")).hasMessageContaining("prompts.txt:1")
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

        PromptFile.Prompts templated = PromptFile.read(prompts, policy, "plain");
        assertThat(templated.ids()).hasSize(2);
        assertThat(templated.ids().get(0)).containsExactly(plain.encodePrompt(Conversation.ofUser("Once upon a time")));
        assertThat(templated.ids().get(1)).containsExactly(plain.encodePrompt(
                Conversation.of(Turn.system("Be kind."), Turn.user("Hi"))));
        assertThat(templated.stopIds()).isEqualTo(plain.stopIds()).isNotEmpty();

        Path lines = dir.resolve("prompts.txt");
        Files.write(lines, List.of("Once upon a time", "", "The cat"));
        PromptFile.Prompts rawText = PromptFile.read(lines, policy, "none");
        assertThat(rawText.ids()).hasSize(2);
        assertThat(rawText.ids().get(1)).containsExactly(tok.encodeWithBos("The cat"));
        assertThat(rawText.stopIds()).isEmpty();
        assertThatThrownBy(() -> PromptFile.read(prompts, policy, "none")).hasMessageContaining("prompts.jsonl:2")
                .hasMessageContaining("chat template");
    }

    @Test
    void aMissingOrEmptyFileIsNamedWithoutACommandLineFlag(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.jsonl");
        assertThatThrownBy(() -> PromptFile.read(missing, dir, "auto")).hasMessage(missing + ": no such file");
        Path empty = dir.resolve("empty.txt");
        Files.write(empty, List.of("", "  "));
        assertThatThrownBy(() -> PromptFile.read(empty, dir, "auto")).hasMessage(empty + ": no prompts");
    }
}
