package io.rlhf4j.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The database behind rlhf4j: a connection pool with the schema migrated to the latest version.
 * Every read and write goes through {@link #transaction} or {@link #inTransaction}, which hand the
 * work a {@link Tx} (one connection, its repositories) and commit when it returns or roll back
 * when it throws, so a half-done import never becomes visible.
 *
 * <pre>{@code
 * try (Store store = Store.open("jdbc:h2:file:./data/rlhf4j")) {
 *     long n = store.transaction(tx -> tx.judgments().count());
 * }
 * }</pre>
 */
public final class Store implements AutoCloseable {
    /** Where Flyway looks for migrations: V1 (preference data) and V2 (annotation platform) live here. */
    public static final String MIGRATIONS = "classpath:db/migration";
    /** Connections for a command-line tool; a server sizes its pool to its request threads instead. */
    public static final int DEFAULT_POOL_SIZE = 10;

    private final HikariDataSource pool;
    private final String url;

    private Store(HikariDataSource pool, String url) {
        this.pool = pool;
        this.url = url;
    }

    /**
     * Opens (creating if needed) the database at {@code jdbcUrl} and migrates it. Accepts
     * {@code jdbc:h2:...} and {@code jdbc:postgresql://...}; anything else, or a server that cannot
     * be reached, fails here with a message that names the URL (password blanked).
     */
    public static Store open(String jdbcUrl) {
        return open(jdbcUrl, DEFAULT_POOL_SIZE);
    }

    /**
     * As {@link #open(String)}, with at most {@code poolSize} connections. A server should give its
     * pool as many connections as it has request threads: a request then never waits for a
     * connection (and never fails for want of one); requests beyond that wait in the server's queue.
     */
    public static Store open(String jdbcUrl, int poolSize) {
        if (poolSize < 1) throw new IllegalArgumentException("pool size must be at least 1, got " + poolSize);
        DatabaseUrl.Vendor vendor = DatabaseUrl.vendorOf(jdbcUrl);
        String prepared = DatabaseUrl.prepare(jdbcUrl);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(prepared);
        config.setDriverClassName(vendor == DatabaseUrl.Vendor.H2 ? "org.h2.Driver" : "org.postgresql.Driver");
        config.setPoolName("rlhf4j-store");
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(1); // fail in open(), not on the first query
        config.setAutoCommit(true);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to " + DatabaseUrl.redact(jdbcUrl) + ": " + rootMessage(e), e);
        }
        try {
            Flyway.configure().dataSource(pool).locations(MIGRATIONS).load().migrate();
        } catch (FlywayException e) {
            pool.close();
            throw new StoreException("cannot migrate " + DatabaseUrl.redact(jdbcUrl) + ": " + rootMessage(e), e);
        }
        return new Store(pool, jdbcUrl);
    }

    /** Runs {@code work} in one transaction and returns its result; commits on return, rolls back on any throw. */
    public <T> T transaction(TxFunction<T> work) {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.apply(new Tx(connection));
                connection.commit();
                return result;
            } catch (Throwable e) {
                rollbackQuietly(connection, e);
                throw rethrow(e);
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("database error on " + DatabaseUrl.redact(url) + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} in one transaction; commits on return, rolls back on any throw. */
    public void inTransaction(TxWork work) {
        transaction(tx -> {
            work.run(tx);
            return null;
        });
    }

    /** The pool, for code that needs plain JDBC outside the repositories (e.g. the platform's own DAOs). */
    public DataSource dataSource() {
        return pool;
    }

    /** The most connections the pool opens. */
    public int poolSize() {
        return pool.getMaximumPoolSize();
    }

    /** The URL this store was opened with (may contain credentials: do not log it unredacted). */
    public String url() {
        return url;
    }

    /** True when the database is PostgreSQL (false: H2). For the rare SQL the two spell differently. */
    public boolean isPostgres() {
        return DatabaseUrl.vendorOf(url) == DatabaseUrl.Vendor.POSTGRESQL;
    }

    @Override
    public void close() {
        pool.close();
    }

    private static void rollbackQuietly(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    /** Unchecked exceptions pass through unchanged (callers match on DatasetFormatException etc.). */
    private static RuntimeException rethrow(Throwable e) {
        if (e instanceof RuntimeException r) return r;
        if (e instanceof Error err) throw err;
        if (e instanceof IOException io) return new UncheckedIOException(io.getMessage(), io);
        if (e instanceof SQLException sql) return new StoreException("database error: " + sql.getMessage(), sql);
        return new StoreException(e.getMessage(), e);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
