package io.rlhf4j.store;

import io.rlhf4j.core.data.Completion;
import io.rlhf4j.core.data.DatasetItem;
import io.rlhf4j.core.data.Judgment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Datasets and their membership: which prompts, completions, judgments and annotators each holds,
 * and the line each first came from. A row may belong to many datasets (the same prompt in two
 * files is stored once), which is why membership is separate from the rows themselves.
 */
public final class DatasetRepository {
    /** One dataset item and the 1-based line of the file it was read from. */
    public record Member(long line, DatasetItem item) {}

    private static final String SELECT = "SELECT name, format, source_path, content_sha256, imported_at,"
            + " prompt_count, completion_count, judgment_count FROM datasets";

    private final Connection connection;

    DatasetRepository(Connection connection) {
        this.connection = connection;
    }

    /**
     * Creates the dataset row, or updates where it came from when the name exists (a re-import
     * keeps its membership and adds to it). Counts are set by {@link #refreshCounts}.
     */
    public void upsert(String name, String format, String sourcePath, String contentSha256, Instant at) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE datasets SET format = ?, source_path = ?, content_sha256 = ?, imported_at = ? WHERE name = ?")) {
            Sql.bind(update, format, sourcePath, contentSha256, Sql.timestamp(at), name);
            if (update.executeUpdate() == 1) return;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO datasets (name, format, source_path,"
                + " content_sha256, imported_at, prompt_count, completion_count, judgment_count) VALUES (?, ?, ?, ?, ?, 0, 0, 0)")) {
            Sql.bind(insert, name, format, sourcePath, contentSha256, Sql.timestamp(at));
            insert.executeUpdate();
        }
    }

    /** Records that these items (already stored) belong to the dataset; members already recorded keep their first line. */
    public void addMembers(String dataset, Collection<Member> members) throws SQLException {
        try (InsertIfAbsent prompts = new InsertIfAbsent(connection, "dataset_prompts",
                new String[] {"dataset_name", "prompt_id", "line_no"}, new String[] {"VARCHAR(200)", "VARCHAR(200)", "BIGINT"}, 2);
             InsertIfAbsent completions = new InsertIfAbsent(connection, "dataset_completions",
                     new String[] {"dataset_name", "completion_id", "line_no", "position"},
                     new String[] {"VARCHAR(200)", "VARCHAR(200)", "BIGINT", "INT"}, 2);
             InsertIfAbsent judgments = new InsertIfAbsent(connection, "dataset_judgments",
                     new String[] {"dataset_name", "judgment_id", "line_no", "position"},
                     new String[] {"VARCHAR(200)", "VARCHAR(200)", "BIGINT", "INT"}, 2)) {
            for (Member m : members) {
                prompts.add(dataset, m.item().prompt().id(), m.line());
                List<Completion> cs = m.item().completions();
                for (int i = 0; i < cs.size(); i++) completions.add(dataset, cs.get(i).id(), m.line(), i);
                List<Judgment> js = m.item().judgments();
                for (int i = 0; i < js.size(); i++) judgments.add(dataset, js.get(i).id(), m.line(), i);
            }
            prompts.execute();
            completions.execute();
            judgments.execute();
        }
    }

    /** Records that these annotators (already stored) appear in the dataset. */
    public void addAnnotators(String dataset, Collection<String> annotatorIds) throws SQLException {
        try (InsertIfAbsent insert = new InsertIfAbsent(connection, "dataset_annotators",
                new String[] {"dataset_name", "annotator_id"}, new String[] {"VARCHAR(200)", "VARCHAR(200)"}, 2)) {
            for (String id : annotatorIds) insert.add(dataset, id);
            insert.execute();
        }
    }

    /** Recounts the dataset's members into its row and returns the row. */
    public Dataset refreshCounts(String name) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("UPDATE datasets SET"
                + " prompt_count = (SELECT COUNT(*) FROM dataset_prompts WHERE dataset_name = ?),"
                + " completion_count = (SELECT COUNT(*) FROM dataset_completions WHERE dataset_name = ?),"
                + " judgment_count = (SELECT COUNT(*) FROM dataset_judgments WHERE dataset_name = ?) WHERE name = ?")) {
            Sql.bind(s, name, name, name, name);
            if (s.executeUpdate() != 1) throw new StoreException("no dataset named '" + name + "'");
        }
        return find(name).orElseThrow();
    }

    public Optional<Dataset> find(String name) throws SQLException {
        List<Dataset> found = query(SELECT + " WHERE name = ?", name);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** All datasets, by name. */
    public List<Dataset> all() throws SQLException {
        return query(SELECT + " ORDER BY name");
    }

    /** Lineage: the datasets a judgment belongs to, by name. */
    public List<String> containingJudgment(String judgmentId) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT dataset_name FROM dataset_judgments WHERE judgment_id = ? ORDER BY dataset_name")) {
            s.setString(1, judgmentId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
        }
        return out;
    }

    private List<Dataset> query(String sql, Object... params) throws SQLException {
        List<Dataset> out = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            Sql.bind(s, params);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Dataset(rs.getString("name"), rs.getString("format"), rs.getString("source_path"),
                            rs.getString("content_sha256"), Sql.instant(rs, "imported_at"), rs.getLong("prompt_count"),
                            rs.getLong("completion_count"), rs.getLong("judgment_count")));
                }
            }
        }
        return out;
    }
}
