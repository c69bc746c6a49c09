package io.rlhf4j.model.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * BOS, EOS and pad ids of a Hugging Face model directory. transformers spreads them over three
 * files: {@code tokenizer_config.json} names tokens (as strings or AddedToken objects),
 * {@code generation_config.json} and {@code config.json} give ids, and an EOS id may be a list
 * (chat models stop on end-of-turn and end-of-text). The tokenizer's own names win, then
 * generation_config, then config, which is the order transformers itself consults.
 *
 * @param stopIds every EOS id found in any file, {@code eosId} first; generation should stop on all
 */
public record HfSpecialTokens(int bosId, int eosId, int padId, Set<Integer> stopIds) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public HfSpecialTokens {
        stopIds = Set.copyOf(stopIds);
    }

    /** {@code tokenIds} resolves token names (from tokenizer.json's vocab and added tokens). */
    public static HfSpecialTokens read(Path modelDir, Map<String, Integer> tokenIds) throws IOException {
        JsonNode tokenizerConfig = readIfPresent(modelDir.resolve("tokenizer_config.json"));
        JsonNode generation = readIfPresent(modelDir.resolve("generation_config.json"));
        JsonNode config = readIfPresent(modelDir.resolve("config.json"));

        Set<Integer> stops = new LinkedHashSet<>();
        int eos = firstKnown(tokenName(tokenizerConfig, "eos_token", tokenIds),
                firstId(generation, "eos_token_id"), firstId(config, "eos_token_id"));
        if (eos >= 0) stops.add(eos);
        addIds(generation, "eos_token_id", stops);
        addIds(config, "eos_token_id", stops);
        int bos = firstKnown(tokenName(tokenizerConfig, "bos_token", tokenIds),
                firstId(generation, "bos_token_id"), firstId(config, "bos_token_id"));
        int pad = firstKnown(tokenName(tokenizerConfig, "pad_token", tokenIds),
                firstId(generation, "pad_token_id"), firstId(config, "pad_token_id"));
        // No pad token is common (GPT-2, Llama): pad with EOS, which attention masks hide anyway.
        if (pad < 0) pad = Math.max(eos, 0);
        return new HfSpecialTokens(bos, eos, pad, stops);
    }

    private static JsonNode readIfPresent(Path file) throws IOException {
        return Files.isRegularFile(file) ? JSON.readTree(file.toFile()) : null;
    }

    private static int firstKnown(int... candidates) {
        for (int c : candidates) if (c >= 0) return c;
        return -1;
    }

    /** "bos_token": "<s>" or "bos_token": {"content": "<s>", ...}; -1 if absent, null or unknown. */
    private static int tokenName(JsonNode node, String key, Map<String, Integer> tokenIds) {
        if (node == null) return -1;
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) return -1;
        String name = value.isObject() ? value.path("content").asText(null) : value.asText(null);
        if (name == null) return -1;
        Integer id = tokenIds.get(name);
        return id == null ? -1 : id;
    }

    private static int firstId(JsonNode node, String key) {
        if (node == null) return -1;
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) return -1;
        if (value.isArray()) return value.isEmpty() ? -1 : value.get(0).asInt(-1);
        return value.asInt(-1);
    }

    private static void addIds(JsonNode node, String key, Set<Integer> into) {
        if (node == null || node.get(key) == null) return;
        JsonNode value = node.get(key);
        if (value.isArray()) value.forEach(v -> into.add(v.asInt()));
        else if (value.isInt()) into.add(value.asInt());
    }
}
