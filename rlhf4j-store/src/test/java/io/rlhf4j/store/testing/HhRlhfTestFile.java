package io.rlhf4j.store.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real 2,312-pair HH-RLHF file in {@code ../shared/data}, for modules that get the store's
 * test-jar but not core's (test-scoped jars are not transitive, so core's SharedFiles is not on
 * their classpath). Same lookup as SharedFiles: {@code $RLHF4J_SHARED}, else a {@code shared/}
 * folder in or above the working directory. Missing is an error, never a skip.
 */
public final class HhRlhfTestFile {
    public static final int PAIRS = 2312;

    private HhRlhfTestFile() {}

    public static Path path() {
        String relative = "data/hh-rlhf-harmless-base-test.jsonl.gz";
        String env = System.getenv("RLHF4J_SHARED");
        if (env != null && !env.isBlank()) return existing(Path.of(env).resolve(relative));
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve(relative);
            if (Files.exists(candidate)) return candidate;
        }
        throw new IllegalStateException("no shared/" + relative + " found above " + Path.of("").toAbsolutePath()
                + " (expected ../shared beside the repository root, or set RLHF4J_SHARED)");
    }

    private static Path existing(Path p) {
        if (!Files.exists(p)) throw new IllegalStateException("shared file missing: " + p);
        return p;
    }
}
