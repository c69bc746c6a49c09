package io.rlhf4j.store.testing;

import io.rlhf4j.store.Store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A private, empty database for one test: an H2 file in a temp folder, or a fresh schema in the
 * PostgreSQL server named by {@code RLHF4J_TEST_PG_URL} (which {@code ./test} starts). Close it to
 * drop the schema. Other modules reuse this through the store's test-jar.
 */
public final class TestDatabase implements AutoCloseable {
    public static final String PG_ENV = "RLHF4J_TEST_PG_URL";

    private final String url;
    private final String adminUrl;
    private final String schema;

    private TestDatabase(String url, String adminUrl, String schema) {
        this.url = url;
        this.adminUrl = adminUrl;
        this.schema = schema;
    }

    /** A new H2 file database under {@code dir} (a JUnit @TempDir). */
    public static TestDatabase h2(Path dir) {
        return new TestDatabase("jdbc:h2:file:" + dir.resolve("db-" + UUID.randomUUID()).resolve("rlhf4j").toAbsolutePath(),
                null, null);
    }

    /**
     * A new, empty schema on the test PostgreSQL server. Fails (never skips) when
     * {@code RLHF4J_TEST_PG_URL} is unset: a postgres-tagged test that silently passed without a
     * server would hide exactly the bugs it exists to find.
     */
    public static TestDatabase postgres() {
        String base = System.getenv(PG_ENV);
        if (base == null || base.isBlank()) {
            throw new IllegalStateException(PG_ENV + " is not set: PostgreSQL tests need a server. Run them with ./test"
                    + " (it starts a throwaway cluster), or export " + PG_ENV
                    + "=jdbc:postgresql://HOST:PORT/DB?user=USER and run mvn with -Dpostgres.");
        }
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test schema on " + base + ": " + e.getMessage(), e);
        }
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new TestDatabase(url, base, schema);
    }

    public String url() {
        return url;
    }

    /** Opens (and migrates) the store on this database. */
    public Store open() {
        return Store.open(url);
    }

    @Override
    public void close() {
        if (schema == null) return;
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test schema " + schema + ": " + e.getMessage(), e);
        }
    }
}
