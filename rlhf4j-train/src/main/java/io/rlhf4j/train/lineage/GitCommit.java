package io.rlhf4j.train.lineage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The source commit a run was built from, for lineage; absent outside a git checkout. */
final class GitCommit {
    private static volatile Optional<String> cached;

    private GitCommit() {}

    /** RLHF4J_GIT_COMMIT if set (packaged builds), else {@code git rev-parse HEAD}, looked up once per JVM. */
    static Optional<String> current() {
        Optional<String> c = cached;
        if (c == null) cached = c = lookup();
        return c;
    }

    private static Optional<String> lookup() {
        String env = System.getenv("RLHF4J_GIT_COMMIT");
        if (env != null && !env.isBlank()) return Optional.of(env.trim());
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.exitValue() == 0 && out.matches("[0-9a-f]{40}") ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
