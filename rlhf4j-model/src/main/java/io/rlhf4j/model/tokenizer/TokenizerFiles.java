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

    /** The HF tokenizer files a model directory may carry. */
    public static final java.util.List<String> HF_FILES = java.util.List.of("tokenizer.json", "tokenizer_config.json",
            "special_tokens_map.json", "vocab.json", "merges.txt");

    /** Where a model's tokenizer is found: the model directory, or the folder holding a single-file (.bin) checkpoint. */
    public static Path besideModel(Path model) {
        return Files.isDirectory(model) ? model : model.toAbsolutePath().getParent();
    }

    /**
     * Puts {@code tok} into the model directory {@code out} so it loads on its own: a llama2.c
     * tokenizer is written as HF files, others are copied from {@code source} (the tokenizer file or
     * the directory it came from).
     */
    public static void copyInto(Tokenizer tok, Path source, Path out, int modelMaxLength) throws IOException {
        if (tok instanceof Llama2cTokenizer llama2c) {
            Llama2cTokenizerJson.writeModelDirectory(llama2c, out, modelMaxLength);
            return;
        }
        Path dir = besideModel(source);
        if (dir.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) return;
        for (String name : HF_FILES) {
            Path f = dir.resolve(name);
            if (Files.isRegularFile(f)) Files.copy(f, out.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Records in a model directory's tokenizer files what transformers needs to read its inputs as
     * rlhf4j did: the {@code chat_template} (Jinja) the model was trained with, and the pad token
     * (looked up by id in tokenizer.json). Either may be null / negative to leave it as it is.
     */
    public static void annotate(Path dir, String chatTemplateJinja, int padId) throws IOException {
        Path configFile = dir.resolve("tokenizer_config.json"), mapFile = dir.resolve("special_tokens_map.json");
        ObjectNode config = Files.isRegularFile(configFile) ? (ObjectNode) JSON.readTree(configFile.toFile()) : JSON.createObjectNode();
        if (chatTemplateJinja != null) config.put("chat_template", chatTemplateJinja);
        String pad = padId < 0 ? null : tokenContent(dir.resolve("tokenizer.json"), padId);
        if (pad != null) {
            config.put("pad_token", pad);
            ObjectNode map = Files.isRegularFile(mapFile) ? (ObjectNode) JSON.readTree(mapFile.toFile()) : JSON.createObjectNode();
            map.put("pad_token", pad);
            JSON.writerWithDefaultPrettyPrinter().writeValue(mapFile.toFile(), map);
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(configFile.toFile(), config);
    }

    /** The text of token {@code id} in a tokenizer.json (added tokens first, then the model's vocabulary), or null. */
    static String tokenContent(Path tokenizerJson, int id) throws IOException {
        if (!Files.isRegularFile(tokenizerJson)) return null;
        var root = JSON.readTree(tokenizerJson.toFile());
        for (var t : root.path("added_tokens")) if (t.path("id").asInt(-1) == id) return t.path("content").asText();
        for (var it = root.path("model").path("vocab").fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getValue().asInt(-1) == id) return e.getKey();
        }
        return null;
    }

    private static void putToken(ObjectNode node, String key, String token) {
        if (token == null) node.putNull(key);
        else node.put(key, token);
    }
}
