package io.rlhf4j.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The {@code --db JDBC_URL} option every store-touching command mixes in. Defaults to the embedded
 * H2 database under the data directory ({@code $RLHF4J_DATA}, else {@code ./data}); {@code $RLHF4J_DB}
 * overrides the default URL, so a team can point every command at PostgreSQL once.
 */
public final class DbOption {
    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "Database URL (default: $RLHF4J_DB, else embedded H2 in $RLHF4J_DATA or ./data).")
    String url;

    public String jdbcUrl() {
        if (url != null && !url.isBlank()) return url;
        String env = System.getenv("RLHF4J_DB");
        if (env != null && !env.isBlank()) return env;
        return "jdbc:h2:file:" + dataDir().resolve("rlhf4j").toAbsolutePath();
    }

    public static Path dataDir() {
        String dir = System.getenv("RLHF4J_DATA");
        return Path.of(dir == null || dir.isBlank() ? "data" : dir);
    }
}
