package io.rlhf4j.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Checks a JDBC URL and adds the settings the store relies on. Only H2 and PostgreSQL are
 * supported, so anything else is rejected here with a message naming both, rather than later with
 * a driver's "No suitable driver".
 */
final class DatabaseUrl {
    enum Vendor { H2, POSTGRESQL }

    private DatabaseUrl() {}

    static Vendor vendorOf(String url) {
        if (url == null || url.isBlank()) throw new IllegalArgumentException("database URL is empty");
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:h2:")) return Vendor.H2;
        if (lower.startsWith("jdbc:postgresql:")) return Vendor.POSTGRESQL;
        throw new IllegalArgumentException("unsupported database URL '" + redact(url)
                + "': expected jdbc:h2:file:PATH (embedded) or jdbc:postgresql://HOST/DB?user=...");
    }

    /**
     * For an H2 file database: creates its folder; turns on AUTO_SERVER, so a second process (the
     * CLI while the annotation server runs) can open the same file instead of failing on the file
     * lock; and sets WRITE_DELAY=0. H2's default (500 ms) acknowledges a commit while its pages are
     * still only in the JVM, to be written by a background thread: a kill -9 or OOM kill in that
     * window loses transactions the caller was told had committed (the server had answered 201).
     * With 0, each commit writes its chunk to the file before returning, so the operating system
     * holds it even if the process dies. Also a lock timeout long enough for concurrent writers to
     * queue rather than fail.
     */
    static String prepare(String url) {
        if (vendorOf(url) != Vendor.H2) return url;
        String lower = url.toLowerCase(Locale.ROOT);
        boolean file = lower.startsWith("jdbc:h2:file:") || (!lower.startsWith("jdbc:h2:mem:")
                && !lower.startsWith("jdbc:h2:tcp:") && !lower.startsWith("jdbc:h2:ssl:"));
        String prepared = url;
        if (file) {
            createParentFolder(url);
            if (!lower.contains(";auto_server=")) prepared += ";AUTO_SERVER=TRUE";
            if (!lower.contains(";write_delay=")) prepared += ";WRITE_DELAY=0";
        }
        if (!lower.contains(";lock_timeout=")) prepared += ";LOCK_TIMEOUT=10000";
        return prepared;
    }

    private static void createParentFolder(String url) {
        String rest = url.substring(url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:file:") ? "jdbc:h2:file:".length()
                : "jdbc:h2:".length());
        int semicolon = rest.indexOf(';');
        String file = semicolon < 0 ? rest : rest.substring(0, semicolon);
        if (file.startsWith("~")) file = System.getProperty("user.home") + file.substring(1);
        Path parent = Path.of(file).toAbsolutePath().getParent();
        try {
            if (parent != null) Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the database folder " + parent, e);
        }
    }

    /** The URL with any password parameter blanked, for error messages. */
    static String redact(String url) {
        return url == null ? null : url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
