package io.rlhf4j.model.tokenizer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The small JSON files that sit beside {@code tokenizer.json} in a Hugging Face model directory and
 * tell {@code AutoTokenizer} (and {@link HfTokenizer}) which tokens are BOS, EOS and padding.
 */
public final class TokenizerFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenizerFiles() {}

    /** An {@code added_tokens} entry: matched verbatim in raw text, never split or normalized. */
    static ObjectNode addedToken(int id, String content) {
        ObjectNode t = JSON.createObjectNode();
        t.put("id", id);
        t.put("content", content);
        t.put("single_word", false);
        t.put("lstrip", false);
        t.put("rstrip", false);
        t.put("normalized", false);
        t.put("special", true);
        return t;
    }

    /**
     * Writes {@code tokenizer_config.json} and {@code special_tokens_map.json}. A null token is left
     * out (written as JSON null), as transformers does for a model without e.g. a pad token.
     */
    public static void writeConfig(Path dir, String tokenizerClass, String bos, String eos, String pad, String unk,
                                   boolean addBos, int modelMaxLength, String chatTemplate) throws IOException {
        Files.createDirectories(dir);
        ObjectNode config = JSON.createObjectNode();
        config.put("tokenizer_class", tokenizerClass);
        config.put("add_bos_token", addBos);
        config.put("add_eos_token", false);
        putToken(config, "bos_token", bos);
        putToken(config, "eos_token", eos);
        putToken(config, "pad_token", pad);
        putToken(config, "unk_token", unk);
        config.put("model_max_length", modelMaxLength);
        config.put("clean_up_tokenization_spaces", false);
        if (chatTemplate != null) config.put("chat_template", chatTemplate);
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("tokenizer_config.json").toFile(), config);

        ObjectNode map = JSON.createObjectNode();
        putToken(map, "bos_token", bos);
        putToken(map, "eos_token", eos);
        putToken(map, "pad_token", pad);
        putToken(map, "unk_token", unk);
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("special_tokens_map.json").toFile(), map);
    }

    private static void putToken(ObjectNode node, String key, String token) {
        if (token == null) node.putNull(key);
        else node.put(key, token);
    }
}
