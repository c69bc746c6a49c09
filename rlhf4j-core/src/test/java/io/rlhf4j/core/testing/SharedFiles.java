package io.rlhf4j.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the read-only {@code shared/} folder that sits beside the repository root (real HH-RLHF
 * pairs, the stories260K checkpoint). Tests run with a module folder as working directory, so this
 * walks up from there; {@code $RLHF4J_SHARED} overrides. A missing folder is an error, not a skip.
 */
public final class SharedFiles {
    private SharedFiles() {}

    public static Path root() {
        String env = System.getenv("RLHF4J_SHARED");
        if (env != null && !env.isBlank()) return Path.of(env);
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared");
            if (Files.isDirectory(candidate.resolve("data")) || Files.isDirectory(candidate.resolve("models"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/ folder found above " + Path.of("").toAbsolutePath()
                + " (expected ../shared beside the repository root, or set RLHF4J_SHARED)");
    }

    /** A file under shared/, e.g. {@code resolve("data/hh-rlhf-harmless-base-test.jsonl.gz")}. */
    public static Path resolve(String relative) {
        Path p = root().resolve(relative);
        if (!Files.exists(p)) throw new IllegalStateException("shared file missing: " + p);
        return p;
    }
}
