package io.rlhf4j.train.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rlhf4j.core.data.Conversation;
import io.rlhf4j.core.data.Role;
import io.rlhf4j.core.data.Turn;
import io.rlhf4j.model.chat.ChatTemplate;
import io.rlhf4j.model.tokenizer.Tokenizer;
import io.rlhf4j.model.tokenizer.Tokenizers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A file of prompts for RL, one per line: JSONL objects ({@code .jsonl}/{@code .json}) with
 * {@code "prompt"} (text, or a conversation as a list of {@code {"role", "content"}} messages) or
 * {@code "prompt_ids"} (token ids, used as given); any other file is plain text, one prompt per
 * non-blank line. Text goes through the tokenizer in {@code tokenizerDir} and a chat template.
 * Errors name the file, line and field, never the option that named the file: the reader does not
 * know who called it.
 */
public final class PromptFile {
    /** No chat template: BOS + the raw text, for pretrained models that never saw one. */
    public static final String NO_TEMPLATE = "none";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Token ids of the prompts, and the ids that end a response under their chat template (empty without one). */
    public record Prompts(List<int[]> ids, Set<Integer> stopIds) {}

    private final Path file;
    private final Path tokenizerDir;
    private final String template;
    private Tokenizer tokenizer;
    private ChatTemplate chat;

    private PromptFile(Path file, Path tokenizerDir, String template) {
        this.file = file;
        this.tokenizerDir = tokenizerDir;
        this.template = template;
    }

    /**
     * @param tokenizerDir where the tokenizer for text prompts is (the policy's directory); not read
     *                     when every prompt is given as ids
     * @param template     a chat template name (auto, chatml, role, plain) whose end-of-turn ends
     *                     responses, or {@value #NO_TEMPLATE}
     */
    public static Prompts read(Path file, Path tokenizerDir, String template) throws IOException {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException(file + ": no such file");
        PromptFile reader = new PromptFile(file, tokenizerDir, template);
        try {
            return reader.readAll();
        } finally {
            reader.closeTokenizer();
        }
    }

    private Prompts readAll() throws IOException {
        boolean jsonl = file.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.jsonl?$");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) continue;
            String where = file + ":" + (i + 1);
            out.add(jsonl ? jsonLine(line, where) : encode(Conversation.ofUser(line.strip()), where));
        }
        if (out.isEmpty()) throw new IllegalArgumentException(file + ": no prompts");
        return new Prompts(out, chat == null ? Set.of() : chat.stopIds());
    }

    private int[] jsonLine(String line, String where) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (node.has("prompt_ids")) return ids(node.get("prompt_ids"), where);
        JsonNode prompt = node.get("prompt");
        if (prompt != null && prompt.isTextual()) return encode(Conversation.ofUser(prompt.asText()), where);
        if (prompt != null && prompt.isArray() && !prompt.isEmpty()) return encode(conversation(prompt, where), where);
        throw new IllegalArgumentException(where + ": expected a \"prompt\" (string or list of messages) or a \"prompt_ids\" array");
    }

    private static int[] ids(JsonNode ids, String where) {
        if (!ids.isArray() || ids.isEmpty()) throw new IllegalArgumentException(where + ": \"prompt_ids\" must be a non-empty array of token ids");
        int[] p = new int[ids.size()];
        for (int j = 0; j < p.length; j++) {
            if (!ids.get(j).canConvertToInt()) throw new IllegalArgumentException(where + ": \"prompt_ids\"[" + j + "] is not an integer");
            p[j] = ids.get(j).asInt();
        }
        return p;
    }

    private static Conversation conversation(JsonNode messages, String where) {
        List<Turn> turns = new ArrayList<>();
        for (int j = 0; j < messages.size(); j++) {
            JsonNode msg = messages.get(j);
            if (!msg.path("role").isTextual() || !msg.path("content").isTextual()) {
                throw new IllegalArgumentException(where + ": \"prompt\"[" + j + "] needs \"role\" and \"content\" strings");
            }
            try {
                turns.add(new Turn(Role.parse(msg.get("role").asText()), msg.get("content").asText()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": \"prompt\"[" + j + "].role: " + e.getMessage());
            }
        }
        return new Conversation(turns);
    }

    private int[] encode(Conversation conversation, String where) {
        if (tokenizer == null) tokenizer = openTokenizer(where);
        int[] ids;
        if (template.equalsIgnoreCase(NO_TEMPLATE)) {
            if (conversation.turns().size() != 1) {
                throw new IllegalArgumentException(where + ": a conversation needs a chat template, not template " + NO_TEMPLATE);
            }
            ids = tokenizer.encodeWithBos(conversation.turns().get(0).content());
        } else {
            if (chat == null) chat = ChatTemplate.byName(template, tokenizer);
            ids = chat.encodePrompt(conversation);
        }
        if (ids.length == 0) throw new IllegalArgumentException(where + ": the prompt encodes to no tokens");
        return ids;
    }

    private Tokenizer openTokenizer(String where) {
        try {
            return Tokenizers.open(tokenizerDir);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(where + ": a text prompt needs a tokenizer, but " + tokenizerDir
                    + " has none that loads (" + e.getMessage() + "); give \"prompt_ids\" instead");
        }
    }

    private void closeTokenizer() {
        if (tokenizer instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close the tokenizer of " + tokenizerDir, e);
            }
        }
    }
}
