package io.rlhf4j.store;

import io.rlhf4j.core.data.Annotator;
import io.rlhf4j.core.data.ExpertiseLevel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Annotators and their expertise per domain. Unlike prompts, an annotator's record changes (a
 * display name is corrected, expertise grows), so {@link #save} replaces what is stored.
 */
public final class AnnotatorRepository {
    private static final String[] COLUMNS = {"id", "display_name"};
    private static final String[] TYPES = {"VARCHAR(200)", "VARCHAR(400)"};

    private final Connection connection;

    AnnotatorRepository(Connection connection) {
        this.connection = connection;
    }

    /** Inserts or replaces the annotator, expertise included. True when the annotator was new. */
    public boolean save(Annotator annotator) throws SQLException {
        boolean inserted;
        try (PreparedStatement update = connection.prepareStatement("UPDATE annotators SET display_name = ? WHERE id = ?")) {
            update.setString(1, annotator.displayName());
            update.setString(2, annotator.id());
            inserted = update.executeUpdate() == 0;
        }
        if (inserted) {
            try (InsertIfAbsent insert = new InsertIfAbsent(connection, "annotators", COLUMNS, TYPES, 1)) {
                insert.add(annotator.id(), annotator.displayName());
                insert.execute();
            }
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM annotator_expertise WHERE annotator_id = ?")) {
            delete.setString(1, annotator.id());
            delete.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO annotator_expertise (annotator_id, domain, level) VALUES (?, ?, ?)")) {
            for (Map.Entry<String, ExpertiseLevel> e : annotator.expertise().entrySet()) {
                insert.setString(1, annotator.id());
                insert.setString(2, e.getKey());
                insert.setString(3, e.getValue().name());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return inserted;
    }

    /**
     * Makes sure each id has a row, adding a bare annotator (display name = id, no expertise) for
     * those missing: imported data names annotators it says nothing else about. Returns how many were added.
     */
    public int ensureExists(Collection<String> ids) throws SQLException {
        try (InsertIfAbsent insert = new InsertIfAbsent(connection, "annotators", COLUMNS, TYPES, 1)) {
            for (String id : ids) insert.add(id, id);
            return insert.execute();
        }
    }

    public Optional<Annotator> find(String id) throws SQLException {
        List<Annotator> found = query("SELECT id, display_name FROM annotators WHERE id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** All annotators, by id. */
    public List<Annotator> all() throws SQLException {
        return query("SELECT id, display_name FROM annotators ORDER BY id");
    }

    public long count() throws SQLException {
        return Sql.count(connection, "SELECT COUNT(*) FROM annotators");
    }

    private List<Annotator> query(String sql, Object... params) throws SQLException {
        Map<String, String> names = new LinkedHashMap<>();
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            Sql.bind(s, params);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) names.put(rs.getString(1), rs.getString(2));
            }
        }
        List<Annotator> out = new ArrayList<>();
        for (Map.Entry<String, String> e : names.entrySet()) out.add(new Annotator(e.getKey(), e.getValue(), expertise(e.getKey())));
        return out;
    }

    private Map<String, ExpertiseLevel> expertise(String annotatorId) throws SQLException {
        Map<String, ExpertiseLevel> out = new TreeMap<>();
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT domain, level FROM annotator_expertise WHERE annotator_id = ?")) {
            s.setString(1, annotatorId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), ExpertiseLevel.valueOf(rs.getString(2)));
            }
        }
        return out;
    }
}
