package io.rlhf4j.model.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A Hugging Face {@code tokenizer.json} run by the Rust tokenizers library through DJL, so any
 * model directory from the Hub (GPT-2, Llama, Qwen2, SmolLM...) or written by us tokenizes exactly
 * as in Python. DJL's own defaults (truncate at 512, add BOS) are switched off: the
 * {@link Tokenizer} contract is raw ids, callers place BOS/EOS. Holds a native handle: close it.
 */
public final class HfTokenizer implements Tokenizer, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> RAW_IDS = Map.of(
            "addSpecialTokens", "false", "truncation", "false", "padding", "false");

    private final HuggingFaceTokenizer native_;
    private final int vocabSize;
    private final Map<String, Integer> tokenIds;
    private final HfSpecialTokens specials;
    private volatile boolean closed;

    private HfTokenizer(HuggingFaceTokenizer tokenizer, int vocabSize, Map<String, Integer> tokenIds, HfSpecialTokens specials) {
        this.native_ = tokenizer;
        this.vocabSize = vocabSize;
        this.tokenIds = tokenIds;
        this.specials = specials;
    }

    /**
     * Opens {@code tokenizer.json} in {@code modelDir} (or the file itself), with special ids from the
     * config files beside it.
     */
    public static HfTokenizer open(Path modelDirOrFile) throws IOException {
        Path file = Files.isDirectory(modelDirOrFile) ? modelDirOrFile.resolve("tokenizer.json") : modelDirOrFile;
        if (!Files.isRegularFile(file)) throw new IOException("no tokenizer.json at " + modelDirOrFile);
        JsonNode root = JSON.readTree(file.toFile());
        Map<String, Integer> ids = new HashMap<>();
        root.path("model").path("vocab").fields().forEachRemaining(e -> ids.put(e.getKey(), e.getValue().asInt()));
        for (JsonNode t : root.path("added_tokens")) ids.put(t.path("content").asText(), t.path("id").asInt());
        int vocabSize = ids.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        HfSpecialTokens specials = HfSpecialTokens.read(file.toAbsolutePath().getParent(), ids);
        return new HfTokenizer(HuggingFaceTokenizer.newInstance(file, RAW_IDS), vocabSize, ids, specials);
    }

    @Override
    public int[] encode(String text) {
        ensureOpen();
        return Arrays.stream(native_.encode(text, false, false).getIds()).mapToInt(Math::toIntExact).toArray();
    }

    /** Drops all special tokens (HF's {@code skip_special_tokens=True}). */
    @Override
    public String decode(int[] ids) {
        return decode(ids, true);
    }

    public String decode(int[] ids, boolean skipSpecialTokens) {
        ensureOpen();
        for (int id : ids) {
            if (id < 0 || id >= vocabSize) throw new IllegalArgumentException("token id out of range: " + id);
        }
        return native_.decode(Arrays.stream(ids).asLongStream().toArray(), skipSpecialTokens);
    }

    /** Id of a token string (vocabulary or added token), or -1. */
    public int tokenId(String token) {
        return tokenIds.getOrDefault(token, -1);
    }

    @Override public int vocabSize() { return vocabSize; }
    @Override public int bosId() { return specials.bosId(); }
    @Override public int eosId() { return specials.eosId(); }
    @Override public int padId() { return specials.padId(); }

    /** All ids that end a generation (e.g. Qwen2-Instruct: {@code <|im_end|>} and {@code <|endoftext|>}). */
    public Set<Integer> stopIds() {
        return specials.stopIds();
    }

    private void ensureOpen() {
        if (closed) throw new IllegalStateException("HfTokenizer is closed");
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            native_.close();
        }
    }
}
