package io.rlhf4j.model.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads and writes a {@link BpeModel} as Hugging Face {@code tokenizer.json}, in the GPT-2 layout:
 * no normalizer, ByteLevel pre-tokenizer / post-processor / decoder, a BPE model whose vocab holds
 * every token, and the special tokens repeated under {@code added_tokens} so the Rust library cuts
 * them out of raw text before pre-tokenizing (which is what our Java encoder does too).
 */
public final class ByteLevelTokenizerJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ByteLevelTokenizerJson() {}

    public static ObjectNode toJson(BpeModel model) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (String special : model.specialTokens()) {
            added.add(TokenizerFiles.addedToken(model.idOf(special), special));
        }
        root.putNull("normalizer");
        root.set("pre_tokenizer", byteLevel(false, true));
        root.set("post_processor", byteLevel(true, false));
        root.set("decoder", byteLevel(true, true));

        ObjectNode bpe = root.putObject("model");
        bpe.put("type", "BPE");
        bpe.putNull("dropout");
        bpe.putNull("unk_token");
        bpe.put("continuing_subword_prefix", "");
        bpe.put("end_of_word_suffix", "");
        bpe.put("fuse_unk", false);
        bpe.put("byte_fallback", false);
        bpe.put("ignore_merges", false);
        ObjectNode vocab = bpe.putObject("vocab");
        List<String> tokens = model.tokens();
        for (int id = 0; id < tokens.size(); id++) vocab.put(tokens.get(id), id);
        // Pairs rather than "left right" strings: the form tokenizers >= 0.20 writes, safe for any token text.
        ArrayNode merges = bpe.putArray("merges");
        for (BpeModel.Merge m : model.merges()) merges.addArray().add(m.left()).add(m.right());
        return root;
    }

    private static ObjectNode byteLevel(boolean addPrefixSpace, boolean trimOffsets) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "ByteLevel");
        node.put("add_prefix_space", addPrefixSpace);
        node.put("trim_offsets", trimOffsets);
        node.put("use_regex", true);
        return node;
    }

    public static void write(BpeModel model, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), toJson(model));
    }

    /**
     * A Hugging Face model directory for a trained vocabulary: {@code tokenizer.json} plus
     * {@code tokenizer_config.json} / {@code special_tokens_map.json} naming {@code <|endoftext|>} as
     * BOS and EOS and {@code <|pad|>} as padding (when the vocabulary has them), and the chat
     * template's Jinja (may be null) so {@code AutoTokenizer.apply_chat_template} matches our templates.
     */
    public static void writeModelDirectory(BpeModel model, Path dir, int modelMaxLength, String chatTemplateJinja) throws IOException {
        write(model, dir.resolve("tokenizer.json"));
        List<String> specials = model.specialTokens();
        String eot = specials.contains(ByteLevelBpeTokenizer.END_OF_TEXT) ? ByteLevelBpeTokenizer.END_OF_TEXT : null;
        String pad = specials.contains(ByteLevelBpeTokenizer.PAD) ? ByteLevelBpeTokenizer.PAD : null;
        TokenizerFiles.writeConfig(dir, "PreTrainedTokenizerFast", eot, eot, pad, null, false, modelMaxLength, chatTemplateJinja);
    }

    /**
     * Loads a byte-level BPE {@code tokenizer.json} (ours, GPT-2's, ...). Merges may be pairs or
     * space-joined strings; special tokens are the added tokens flagged {@code special}.
     */
    public static BpeModel read(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        JsonNode model = root.path("model");
        if (!"BPE".equals(model.path("type").asText())) throw new IOException(file + ": model is not BPE");
        Map<Integer, String> byId = new TreeMap<>();
        model.path("vocab").fields().forEachRemaining(e -> byId.put(e.getValue().asInt(), e.getKey()));
        List<String> specials = new ArrayList<>();
        for (JsonNode t : root.path("added_tokens")) {
            byId.putIfAbsent(t.path("id").asInt(), t.path("content").asText());
            if (t.path("special").asBoolean()) specials.add(t.path("content").asText());
        }
        List<String> tokens = new ArrayList<>(byId.values());
        int expected = 0;
        for (int id : byId.keySet()) {
            if (id != expected++) throw new IOException(file + ": token ids are not contiguous at " + id);
        }
        List<BpeModel.Merge> merges = new ArrayList<>();
        for (JsonNode m : model.path("merges")) {
            if (m.isArray()) {
                merges.add(new BpeModel.Merge(m.get(0).asText(), m.get(1).asText()));
            } else {
                String[] parts = m.asText().split(" ", 2);
                merges.add(new BpeModel.Merge(parts[0], parts[1]));
            }
        }
        Set<String> seen = new HashSet<>();
        specials.removeIf(s -> !seen.add(s));
        return new BpeModel(tokens, merges, specials);
    }
}
