package io.rlhf4j.model.tokenizer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Converts a llama2.c tokenizer ({@code tok*.bin}) into the {@code tokenizer.json} layout that
 * transformers' LlamaTokenizerFast uses for sentencepiece BPE, so HF tooling (and DJL's
 * HuggingFaceTokenizer) reproduces llama2.c's ids:
 * <ul>
 *   <li>pieces keep their ids; llama2.c's spaces become sentencepiece's "▁", its {@code "\n<s>\n"}
 *       BOS/EOS pieces become {@code <s>}/{@code </s>};</li>
 *   <li>normalizer Prepend("▁") + Replace(" " → "▁") plays sentencepiece's dummy prefix;</li>
 *   <li>llama2.c merges any adjacent pair whose concatenation is a piece, best score first. HF's
 *       BPE needs explicit merges, so every split of every piece into two pieces becomes a merge,
 *       ranked by the score of the piece it makes (the extraction HF's converter does too);</li>
 *   <li>byte_fallback maps characters outside the vocabulary to {@code <0xNN>}, and the decoder
 *       (Replace "▁", ByteFallback, Fuse, Strip one leading space) undoes all of it.</li>
 * </ul>
 */
public final class Llama2cTokenizerJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SPACE_MARK = "\u2581";
    private static final Pattern BYTE_PIECE = Pattern.compile("<0x[0-9A-F]{2}>");
    public static final String UNK = "<unk>", BOS = "<s>", EOS = "</s>";

    private Llama2cTokenizerJson() {}

    /** Piece texts in HF form, by id. */
    static List<String> hfPieces(Llama2cTokenizer tok) {
        List<String> pieces = new ArrayList<>(tok.vocabSize());
        for (int id = 0; id < tok.vocabSize(); id++) {
            String p = id == tok.bosId() ? BOS : id == tok.eosId() ? EOS : id == tok.padId() ? UNK
                    : tok.piece(id).replace(" ", SPACE_MARK);
            pieces.add(p);
        }
        return pieces;
    }

    private static boolean special(Llama2cTokenizer tok, int id) {
        return id == tok.bosId() || id == tok.eosId() || id == tok.padId();
    }

    /** Every (left, right) with left + right a piece, best-scoring result first. */
    static List<String[]> merges(Llama2cTokenizer tok, List<String> pieces) {
        Map<String, Integer> ids = new HashMap<>();
        for (int id = 0; id < pieces.size(); id++) {
            if (!special(tok, id) && !BYTE_PIECE.matcher(pieces.get(id)).matches()) ids.putIfAbsent(pieces.get(id), id);
        }
        record Candidate(String left, String right, int leftId, int rightId, int mergedId, float score) {}
        List<Candidate> found = new ArrayList<>();
        ids.forEach((piece, mergedId) -> {
            for (int cut = piece.offsetByCodePoints(0, 1); cut < piece.length(); cut = piece.offsetByCodePoints(cut, 1)) {
                Integer left = ids.get(piece.substring(0, cut)), right = ids.get(piece.substring(cut));
                if (left != null && right != null) {
                    found.add(new Candidate(piece.substring(0, cut), piece.substring(cut), left, right, mergedId, tok.score(mergedId)));
                }
            }
        });
        // llama2.c prefers the higher score; equal scores (rare) fall back to the lower id, then to the split.
        found.sort(Comparator.comparingDouble((Candidate c) -> -c.score())
                .thenComparingInt(Candidate::mergedId).thenComparingInt(Candidate::leftId).thenComparingInt(Candidate::rightId));
        List<String[]> merges = new ArrayList<>(found.size());
        for (Candidate c : found) merges.add(new String[] {c.left(), c.right()});
        return merges;
    }

    public static ObjectNode toJson(Llama2cTokenizer tok) {
        List<String> pieces = hfPieces(tok);
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (int id : new int[] {tok.padId(), tok.bosId(), tok.eosId()}) added.add(TokenizerFiles.addedToken(id, pieces.get(id)));

        ObjectNode normalizer = root.putObject("normalizer");
        normalizer.put("type", "Sequence");
        ArrayNode norms = normalizer.putArray("normalizers");
        norms.addObject().put("type", "Prepend").put("prepend", SPACE_MARK);
        ObjectNode replace = norms.addObject().put("type", "Replace");
        replace.putObject("pattern").put("String", " ");
        replace.put("content", SPACE_MARK);
        root.putNull("pre_tokenizer");
        root.set("post_processor", bosTemplate(tok.bosId()));

        ObjectNode decoder = root.putObject("decoder");
        decoder.put("type", "Sequence");
        ArrayNode decoders = decoder.putArray("decoders");
        ObjectNode unmark = decoders.addObject().put("type", "Replace");
        unmark.putObject("pattern").put("String", SPACE_MARK);
        unmark.put("content", " ");
        decoders.addObject().put("type", "ByteFallback");
        decoders.addObject().put("type", "Fuse");
        decoders.addObject().put("type", "Strip").put("content", " ").put("start", 1).put("stop", 0);

        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.put("unk_token", UNK);
        model.putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", true);
        model.put("byte_fallback", true);
        model.put("ignore_merges", false);
        ObjectNode vocab = model.putObject("vocab");
        for (int id = 0; id < pieces.size(); id++) vocab.put(pieces.get(id), id);
        ArrayNode merges = model.putArray("merges");
        for (String[] m : merges(tok, pieces)) merges.addArray().add(m[0]).add(m[1]);
        return root;
    }

    /** LlamaTokenizerFast's default: BOS in front of every sequence when special tokens are requested. */
    private static ObjectNode bosTemplate(int bosId) {
        ObjectNode post = JSON.createObjectNode();
        post.put("type", "TemplateProcessing");
        ArrayNode single = post.putArray("single");
        single.addObject().putObject("SpecialToken").put("id", BOS).put("type_id", 0);
        single.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        ArrayNode pair = post.putArray("pair");
        pair.addObject().putObject("SpecialToken").put("id", BOS).put("type_id", 0);
        pair.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        pair.addObject().putObject("SpecialToken").put("id", BOS).put("type_id", 1);
        pair.addObject().putObject("Sequence").put("id", "B").put("type_id", 1);
        ObjectNode bos = post.putObject("special_tokens").putObject(BOS);
        bos.put("id", BOS);
        bos.putArray("ids").add(bosId);
        bos.putArray("tokens").add(BOS);
        return post;
    }

    /**
     * Writes {@code tokenizer.json}, {@code tokenizer_config.json} and {@code special_tokens_map.json}
     * into {@code dir}, a Hugging Face model directory for the converted tokenizer.
     */
    public static void writeModelDirectory(Llama2cTokenizer tok, Path dir, int modelMaxLength) throws IOException {
        Files.createDirectories(dir);
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("tokenizer.json").toFile(), toJson(tok));
        TokenizerFiles.writeConfig(dir, "LlamaTokenizerFast", BOS, EOS, null, UNK, true, modelMaxLength, null);
    }
}
