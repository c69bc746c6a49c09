package io.rlhf4j.platform;

import io.rlhf4j.store.Store;
import io.rlhf4j.store.Tx;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The few JDBC idioms the platform services repeat, on top of {@link Store#transaction}, so platform
 * rows and the store's prompts/completions/judgments commit together.
 */
final class Db {
    @FunctionalInterface
    interface Rows<T> { T map(ResultSet rs) throws SQLException; }

    @FunctionalInterface
    interface Work<T> { T run(Tx tx) throws Exception; }

    private final Store store;

    Db(Store store) { this.store = store; }

    Store store() { return store; }

    /** Runs work in one transaction: committed when it returns, rolled back when it throws. */
    <T> T tx(Work<T> work) {
        return store.transaction(work::run);
    }

    <T> List<T> list(String sql, Rows<T> rows, Object... params) {
        return tx(t -> list(t.connection(), sql, rows, params));
    }

    <T> Optional<T> one(String sql, Rows<T> rows, Object... params) {
        return tx(t -> one(t.connection(), sql, rows, params));
    }

    int update(String sql, Object... params) {
        return tx(t -> update(t.connection(), sql, params));
    }

    static <T> List<T> list(Connection c, String sql, Rows<T> rows, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) out.add(rows.map(rs));
            return out;
        }
    }

    static <T> Optional<T> one(Connection c, String sql, Rows<T> rows, Object... params) throws SQLException {
        List<T> all = list(c, sql, rows, params);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params)) {
            return ps.executeUpdate();
        }
    }

    static long count(Connection c, String sql, Object... params) throws SQLException {
        return one(c, sql, rs -> rs.getLong(1), params).orElse(0L);
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
        return ps;
    }
}
