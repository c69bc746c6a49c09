package io.rlhf4j.train.lineage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Content hashes that identify datasets, configs and id lists independently of where they live. */
public final class Sha256 {
    private Sha256() {}

    public static String ofFile(Path file) {
        return ofFiles(java.util.List.of(file));
    }

    /** One hash over the files' bytes in the order given (a sharded checkpoint's weights). */
    public static String ofFiles(java.util.List<Path> files) {
        MessageDigest md = digest();
        byte[] buf = new byte[1 << 16];
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot hash " + file, e);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    public static String ofString(String text) {
        return HexFormat.of().formatHex(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
