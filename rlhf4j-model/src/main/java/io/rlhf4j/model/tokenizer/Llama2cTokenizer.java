package io.rlhf4j.model.tokenizer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sentencepiece-style BPE of llama2.c, read from its {@code tok*.bin} file: int32
 * max_token_length, then per token a float32 merge score, an int32 byte length and the bytes.
 *
 * <p>Encoding follows llama2.c's {@code encode()}: prepend the dummy-prefix space, look up each
 * UTF-8 code point (falling back to byte tokens {@code <0xNN>} = id byte+3), then repeatedly merge
 * the adjacent pair whose concatenation is a vocabulary piece with the highest score.
 *
 * <p>Pieces are kept as ISO-8859-1 strings of their raw bytes, so lookups are byte-exact even for
 * pieces that are fragments of a multi-byte character.
 */
public final class Llama2cTokenizer implements Tokenizer {
    private static final int UNK = 0, BOS = 1, EOS = 2, BYTE_OFFSET = 3;

    private final String[] pieces;        // raw bytes as latin-1 strings
    private final float[] scores;
    private final Map<String, Integer> idOf = new HashMap<>();

    public Llama2cTokenizer(String[] pieces, float[] scores) {
        if (pieces.length != scores.length) throw new IllegalArgumentException("pieces/scores length differ");
        this.pieces = pieces.clone();
        this.scores = scores.clone();
        // First occurrence wins, as llama2.c's sorted lookup finds one of equal pieces.
        for (int i = 0; i < pieces.length; i++) idOf.putIfAbsent(pieces[i], i);
    }

    /** Reads {@code tok512.bin}-style files; the vocabulary size is given by the model (file has no count). */
    public static Llama2cTokenizer load(Path file, int vocabSize) {
        try {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            b.getInt(); // max_token_length: only a buffer size hint in C
            String[] pieces = new String[vocabSize];
            float[] scores = new float[vocabSize];
            for (int i = 0; i < vocabSize; i++) {
                if (b.remaining() < 8) throw new IllegalArgumentException(file + ": truncated at token " + i);
                scores[i] = b.getFloat();
                int len = b.getInt();
                if (len < 0 || len > b.remaining()) throw new IllegalArgumentException(file + ": bad length " + len + " at token " + i);
                byte[] raw = new byte[len];
                b.get(raw);
                pieces[i] = new String(raw, StandardCharsets.ISO_8859_1);
            }
            return new Llama2cTokenizer(pieces, scores);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer " + file, e);
        }
    }

    /** Reads all tokens in the file (count inferred from its length). */
    public static Llama2cTokenizer load(Path file) {
        try {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            b.getInt();
            int n = 0;
            while (b.remaining() >= 8) {
                b.getFloat();
                int len = b.getInt();
                if (len < 0 || len > b.remaining()) break;
                b.position(b.position() + len);
                n++;
            }
            return load(file, n);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer " + file, e);
        }
    }

    @Override public int vocabSize() { return pieces.length; }
    @Override public int bosId() { return BOS; }
    @Override public int eosId() { return EOS; }
    /** llama2.c has no pad token; {@code <unk>} is never produced by encode and is always masked. */
    @Override public int padId() { return UNK; }

    /** Raw piece of one id as text (UTF-8 decoded; byte tokens stay {@code <0xNN>}). */
    public String piece(int id) {
        return new String(pieces[id].getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    public float score(int id) { return scores[id]; }

    @Override
    public int[] encode(String text) {
        if (text.isEmpty()) return new int[0];
        List<Integer> tokens = new ArrayList<>();
        // sentencepiece's add_dummy_prefix: "Hello" is tokenized as " Hello".
        Integer space = idOf.get(" ");
        if (space != null) tokens.add(space);

        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < utf8.length; ) {
            int len = utf8Length(utf8[i]);
            if (i + len > utf8.length) len = 1;
            String cp = new String(utf8, i, len, StandardCharsets.ISO_8859_1);
            Integer id = idOf.get(cp);
            if (id != null) {
                tokens.add(id);
            } else {
                for (int j = 0; j < len; j++) tokens.add((utf8[i + j] & 0xFF) + BYTE_OFFSET);
            }
            i += len;
        }

        // Greedy merges: always the best-scoring adjacent pair (first one on ties), until none merge.
        while (true) {
            float best = Float.NEGATIVE_INFINITY;
            int bestIdx = -1, bestId = -1;
            for (int i = 0; i + 1 < tokens.size(); i++) {
                Integer merged = idOf.get(pieces[tokens.get(i)] + pieces[tokens.get(i + 1)]);
                if (merged != null && scores[merged] > best) {
                    best = scores[merged];
                    bestIdx = i;
                    bestId = merged;
                }
            }
            if (bestIdx < 0) break;
            tokens.set(bestIdx, bestId);
            tokens.remove(bestIdx + 1);
        }
        return tokens.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Concatenates pieces as bytes and decodes UTF-8 once at the end (so byte tokens that together
     * form one character decode correctly). As in llama2.c, a piece right after BOS drops its
     * leading space; so does the first piece, undoing encode's dummy prefix, so that
     * {@code decode(encode(s)).equals(s)}.
     */
    @Override
    public String decode(int[] ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean atStart = true;
        for (int id : ids) {
            if (id < 0 || id >= pieces.length) throw new IllegalArgumentException("token id out of range: " + id);
            if (id == BOS) { atStart = true; continue; }
            if (id == EOS || id == UNK) continue;
            String p = pieces[id];
            int b = byteTokenValue(p);
            if (b >= 0) {
                out.write(b);
            } else {
                if (atStart && p.startsWith(" ")) p = p.substring(1);
                byte[] raw = p.getBytes(StandardCharsets.ISO_8859_1);
                out.write(raw, 0, raw.length);
            }
            atStart = false;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** 0..255 for pieces of the form {@code <0xNN>}, else -1. */
    private static int byteTokenValue(String p) {
        if (p.length() != 6 || !p.startsWith("<0x") || p.charAt(5) != '>') return -1;
        try {
            return Integer.parseInt(p.substring(3, 5), 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int utf8Length(byte lead) {
        int b = lead & 0xFF;
        if (b < 0x80) return 1;
        if (b >= 0xF0) return 4;
        if (b >= 0xE0) return 3;
        if (b >= 0xC0) return 2;
        return 1; // stray continuation byte: handled alone via byte fallback
    }
}
