package io.rlhf4j.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.StringJoiner;

/**
 * A JDBC batch of "insert this row unless its key is already there", counting the rows really
 * inserted. This is what makes import idempotent: rows have content-derived ids, so the second
 * import of a file finds every key and inserts nothing.
 *
 * <p>Spelt {@code INSERT INTO t (...) SELECT CAST(? AS type), ... WHERE NOT EXISTS (SELECT 1 FROM t
 * WHERE key = ?)} because that one statement means the same in H2 and PostgreSQL (H2 has no
 * {@code ON CONFLICT} outside its PostgreSQL mode; standard MERGE needs PostgreSQL 15). The casts
 * give each parameter a type, which a bare {@code SELECT ?} lacks. Rows added to one batch are
 * executed in order, so a key repeated within the batch is inserted once.
 */
final class InsertIfAbsent implements AutoCloseable {
    private final PreparedStatement statement;
    private final int columnCount;
    private final int keyCount;
    private int pending;

    /**
     * @param columns column names; the first {@code keyCount} form the key
     * @param types   SQL types for the casts, one per column (e.g. "VARCHAR(200)", "TEXT", "BIGINT")
     */
    InsertIfAbsent(Connection connection, String table, String[] columns, String[] types, int keyCount) throws SQLException {
        if (columns.length != types.length || keyCount < 1 || keyCount > columns.length) {
            throw new IllegalArgumentException("bad InsertIfAbsent definition for " + table);
        }
        StringJoiner names = new StringJoiner(", ");
        StringJoiner values = new StringJoiner(", ");
        for (int i = 0; i < columns.length; i++) {
            names.add(columns[i]);
            values.add("CAST(? AS " + types[i] + ")");
        }
        StringJoiner key = new StringJoiner(" AND ");
        for (int i = 0; i < keyCount; i++) key.add(columns[i] + " = CAST(? AS " + types[i] + ")");
        String sql = "INSERT INTO " + table + " (" + names + ") SELECT " + values
                + " WHERE NOT EXISTS (SELECT 1 FROM " + table + " WHERE " + key + ")";
        this.statement = connection.prepareStatement(sql);
        this.columnCount = columns.length;
        this.keyCount = keyCount;
    }

    /** Queues one row; values in column order. */
    void add(Object... values) throws SQLException {
        if (values.length != columnCount) throw new IllegalArgumentException("expected " + columnCount + " values");
        for (int i = 0; i < columnCount; i++) statement.setObject(i + 1, values[i]);
        for (int i = 0; i < keyCount; i++) statement.setObject(columnCount + i + 1, values[i]);
        statement.addBatch();
        pending++;
    }

    int pending() {
        return pending;
    }

    /** Runs the queued rows; returns how many were new (the rest were already present). */
    int execute() throws SQLException {
        if (pending == 0) return 0;
        int inserted = 0;
        for (int count : statement.executeBatch()) {
            if (count == Statement.SUCCESS_NO_INFO) {
                throw new StoreException("the JDBC driver did not report batch row counts; cannot tell new rows from present ones");
            }
            inserted += count;
        }
        pending = 0;
        return inserted;
    }

    @Override
    public void close() throws SQLException {
        statement.close();
    }
}
