package io.rlhf4j.model.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pure-Java encoder/decoder for a {@link BpeModel}, following the algorithm of HF tokenizers' BPE
 * model so that it gives the same ids as the {@code tokenizer.json} written from the same model:
 * special tokens are cut out of the raw text first, the rest is split with the GPT-2 pattern,
 * mapped to byte symbols, and each word merges its lowest-ranked adjacent pair until none applies.
 */
public final class ByteLevelBpeTokenizer implements Tokenizer {
    /** GPT-2's convention: one end-of-text token both starts and ends documents. */
    public static final String END_OF_TEXT = "<|endoftext|>";
    public static final String PAD = "<|pad|>";

    private final BpeModel model;
    private final int bosId, eosId, padId;
    private final Map<String, Integer> vocab;
    /** (left id, right id) to {rank, merged id}. */
    private final Map<Long, int[]> merges = new HashMap<>();
    private final Map<String, Integer> specialIds = new HashMap<>();
    private final Pattern specialSplitter;
    private final boolean[] isSpecial;
    /** Words repeat a lot in natural text; the cache is dropped when full rather than managed. */
    private final Map<String, int[]> wordCache = new ConcurrentHashMap<>();

    /** BOS and EOS are {@code <|endoftext|>}, padding {@code <|pad|>} (else EOS), when the model has them. */
    public ByteLevelBpeTokenizer(BpeModel model) {
        this(model, END_OF_TEXT, END_OF_TEXT, PAD);
    }

    /** Role tokens by name; a name the model lacks gives id -1 (pad falls back to EOS, then 0). */
    public ByteLevelBpeTokenizer(BpeModel model, String bos, String eos, String pad) {
        this.model = model;
        this.vocab = model.vocab();
        for (int r = 0; r < model.merges().size(); r++) {
            BpeModel.Merge m = model.merges().get(r);
            Integer left = vocab.get(m.left()), right = vocab.get(m.right()), merged = vocab.get(m.merged());
            if (left == null || right == null || merged == null) throw new IllegalArgumentException("merge " + m + " uses unknown tokens");
            merges.putIfAbsent(BpeTrainer.pair(left, right), new int[] {r, merged});
        }
        isSpecial = new boolean[model.vocabSize()];
        for (String s : model.specialTokens()) {
            specialIds.put(s, vocab.get(s));
            isSpecial[vocab.get(s)] = true;
        }
        specialSplitter = BpeTrainer.specialTokenSplitter(model.specialTokens());
        bosId = vocab.getOrDefault(bos, -1);
        eosId = vocab.getOrDefault(eos, -1);
        int pid = vocab.getOrDefault(pad, -1);
        padId = pid >= 0 ? pid : Math.max(eosId, 0);
    }

    @Override public int vocabSize() { return model.vocabSize(); }
    @Override public int bosId() { return bosId; }
    @Override public int eosId() { return eosId; }
    @Override public int padId() { return padId; }

    public BpeModel model() {
        return model;
    }

    @Override
    public int[] encode(String text) {
        List<Integer> ids = new ArrayList<>();
        int from = 0;
        if (specialSplitter != null) {
            Matcher m = specialSplitter.matcher(text);
            while (m.find()) {
                encodeOrdinary(text.substring(from, m.start()), ids);
                ids.add(specialIds.get(m.group()));
                from = m.end();
            }
        }
        encodeOrdinary(text.substring(from), ids);
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    private void encodeOrdinary(String text, List<Integer> out) {
        if (text.isEmpty()) return;
        for (String word : ByteLevel.preTokenize(text)) {
            String symbols = ByteLevel.encode(word);
            int[] ids = wordCache.get(symbols);
            if (ids == null) {
                ids = mergeWord(symbols);
                if (wordCache.size() > 200_000) wordCache.clear();
                wordCache.put(symbols, ids);
            }
            for (int id : ids) out.add(id);
        }
    }

    /** Repeatedly merges the adjacent pair with the lowest rank, leftmost first, as HF's BPE does. */
    private int[] mergeWord(String symbols) {
        int[] ids = new int[symbols.length()];
        for (int i = 0; i < ids.length; i++) {
            Integer id = vocab.get(String.valueOf(symbols.charAt(i)));
            if (id == null) throw new IllegalArgumentException("vocabulary lacks byte symbol '" + symbols.charAt(i) + "'");
            ids[i] = id;
        }
        int length = ids.length;
        while (length > 1) {
            int bestRank = Integer.MAX_VALUE, bestPos = -1, bestMerged = -1;
            for (int i = 0; i + 1 < length; i++) {
                int[] merge = merges.get(BpeTrainer.pair(ids[i], ids[i + 1]));
                if (merge != null && merge[0] < bestRank) {
                    bestRank = merge[0];
                    bestPos = i;
                    bestMerged = merge[1];
                }
            }
            if (bestPos < 0) break;
            ids[bestPos] = bestMerged;
            System.arraycopy(ids, bestPos + 2, ids, bestPos + 1, length - bestPos - 2);
            length--;
        }
        return java.util.Arrays.copyOf(ids, length);
    }

    /**
     * Text of the ordinary tokens; every special token (not only BOS/EOS/pad but also chat markers)
     * is dropped, as HF's {@code skip_special_tokens=True}, so generated replies decode cleanly.
     */
    @Override
    public String decode(int[] ids) {
        return decode(ids, false);
    }

    /** Like {@link #decode(int[])} but writes special tokens as their text: for inspecting templates. */
    public String decodeWithSpecials(int[] ids) {
        return decode(ids, true);
    }

    /** Byte sequences cut mid-character decode leniently (U+FFFD), as the Rust library does. */
    private String decode(int[] ids, boolean keepSpecials) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int id : ids) {
            if (id < 0 || id >= isSpecial.length) throw new IllegalArgumentException("token id out of range: " + id);
            String token = model.tokens().get(id);
            if (!isSpecial[id]) ByteLevel.appendBytes(token, bytes);
            else if (keepSpecials) bytes.writeBytes(token.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    public int idOf(String token) {
        Integer id = vocab.get(token);
        if (id == null) throw new IllegalArgumentException("no token " + token);
        return id;
    }
}
