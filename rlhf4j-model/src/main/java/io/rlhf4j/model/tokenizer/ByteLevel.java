package io.rlhf4j.model.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GPT-2's byte-level alphabet and pre-tokenizer, as Hugging Face's {@code ByteLevel} pre-tokenizer
 * applies them. Every byte maps to one printable code point, so a BPE vocabulary over these 256
 * symbols can encode any input without an unknown token, and the merges never see raw spaces.
 */
public final class ByteLevel {
    private ByteLevel() {}

    /**
     * The GPT-2 split, identical to the one in tokenizers' ByteLevel pre-tokenizer. Java's {@code \s}
     * is ASCII-only by default while Oniguruma's is Unicode, hence UNICODE_CHARACTER_CLASS.
     */
    private static final Pattern GPT2_SPLIT = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final int[] CHAR_TO_BYTE = new int[512];

    static {
        // Printable Latin-1 bytes stand for themselves; the rest (controls, space, soft hyphen...)
        // are shifted past 255 in byte order, exactly as in GPT-2's bytes_to_unicode().
        int next = 0;
        java.util.Arrays.fill(CHAR_TO_BYTE, -1);
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            char c = printable ? (char) b : (char) (256 + next++);
            BYTE_TO_CHAR[b] = c;
            CHAR_TO_BYTE[c] = b;
        }
    }

    /** The symbol standing for one byte. */
    public static char charOf(int unsignedByte) {
        return BYTE_TO_CHAR[unsignedByte];
    }

    /** The UTF-8 bytes of {@code text}, each written as its byte-level symbol. */
    public static String encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length);
        for (byte b : bytes) sb.append(BYTE_TO_CHAR[b & 0xFF]);
        return sb.toString();
    }

    /** Appends the bytes a byte-level token stands for; symbols outside the alphabet are a caller bug. */
    public static void appendBytes(String symbols, ByteArrayOutputStream out) {
        for (int i = 0; i < symbols.length(); i++) {
            char c = symbols.charAt(i);
            int b = c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
            if (b < 0) throw new IllegalArgumentException("not a byte-level symbol: U+" + Integer.toHexString(c));
            out.write(b);
        }
    }

    /** Splits text the way GPT-2 does before BPE: words keep their leading space. */
    public static List<String> preTokenize(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = GPT2_SPLIT.matcher(text);
        while (m.find()) words.add(m.group());
        return words;
    }
}
