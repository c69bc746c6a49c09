package io.rlhf4j.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** A lazy Stream over a ResultSet, so a million comparisons never sit in memory at once. */
final class ResultSetStream {
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private ResultSetStream() {}

    static <T> Stream<T> of(PreparedStatement statement, ResultSet rs, RowReader<T> reader) {
        Spliterator<T> rows = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
            @Override
            public boolean tryAdvance(Consumer<? super T> action) {
                try {
                    if (!rs.next()) return false;
                    action.accept(reader.read(rs));
                    return true;
                } catch (SQLException e) {
                    throw new StoreException("reading rows failed: " + e.getMessage(), e);
                }
            }
        };
        return StreamSupport.stream(rows, false).onClose(() -> {
            try {
                rs.close();
                statement.close();
            } catch (SQLException e) {
                throw new StoreException("closing a result set failed: " + e.getMessage(), e);
            }
        });
    }
}
