package io.rlhf4j.core.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Content-derived ids. Importing the same data twice must not duplicate it, and two stores that
 * import the same file must agree on ids, so prompts and completions are named by a hash of what
 * they contain rather than by a counter.
 */
public final class Ids {
    private Ids() {}

    public static String prompt(Conversation conversation) {
        StringBuilder canonical = new StringBuilder();
        for (Turn t : conversation.turns()) {
            canonical.append(t.role().wireName()).append('\u0000').append(t.content()).append('\u0001');
        }
        return "p_" + hash(canonical.toString());
    }

    /** Same text from a different model is a different completion: leaderboards group by model. */
    public static String completion(String promptId, String text) {
        return "c_" + hash(promptId + '\u0000' + text);
    }

    public static String completion(String promptId, String model, String text) {
        return "c_" + hash(promptId + '\u0000' + model + '\u0000' + text);
    }

    /** A deterministic id from any parts (e.g. source file and line for imported judgments). */
    public static String derived(String prefix, String... parts) {
        return prefix + "_" + hash(String.join("\u0000", parts));
    }

    public static String random(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "");
    }

    /**
     * A random-looking id drawn from {@code source}, or {@link #random(String)} when it is null. A seeded
     * source makes a simulation's ids, and so every "ORDER BY ..., id" tie-break, the same run to run.
     */
    public static String random(String prefix, java.util.Random source) {
        if (source == null) return random(prefix);
        return prefix + "_" + HexFormat.of().toHexDigits(source.nextLong()) + HexFormat.of().toHexDigits(source.nextLong());
    }

    private static String hash(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
