package io.rlhf4j.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.StringJoiner;

/** The few JDBC idioms the repositories share. */
final class Sql {
    private Sql() {}

    static long count(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            bind(s, params);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static void bind(PreparedStatement s, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) s.setObject(i + 1, params[i]);
    }

    /** "?, ?, ?" for an IN list of n values. */
    static String placeholders(int n) {
        StringJoiner j = new StringJoiner(", ");
        for (int i = 0; i < n; i++) j.add("?");
        return j.toString();
    }

    /**
     * Both drivers map TIMESTAMP WITH TIME ZONE to OffsetDateTime; we keep UTC. Both databases keep
     * microseconds, and would round nanoseconds each in its own way, so we truncate here: the
     * same instant reads back the same from either.
     */
    static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** Splits ids into chunks small enough for an IN list on both databases. */
    static <T> List<List<T>> chunks(Collection<T> values, int size) {
        List<List<T>> out = new ArrayList<>();
        List<T> current = new ArrayList<>(size);
        for (T v : values) {
            current.add(v);
            if (current.size() == size) {
                out.add(current);
                current = new ArrayList<>(size);
            }
        }
        if (!current.isEmpty()) out.add(current);
        return out;
    }
}
