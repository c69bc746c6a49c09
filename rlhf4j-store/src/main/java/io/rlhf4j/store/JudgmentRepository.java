package io.rlhf4j.store;

import io.rlhf4j.core.data.Comparison;
import io.rlhf4j.core.data.Judgment;
import io.rlhf4j.core.data.JudgmentMeta;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Judgments of every kind in one table: shared meta in columns, the kind's own fields as JSON
 * ({@link JudgmentCodec}), and the completions each is about in {@code judgment_completions}. The
 * prompt, its completions and the annotator must be stored first (foreign keys).
 */
public final class JudgmentRepository {
    private static final String[] COLUMNS = {"id", "kind", "prompt_id", "annotator_id", "created_at",
            "guideline_version", "time_spent_ms", "justification", "payload"};
    private static final String[] TYPES = {"VARCHAR(200)", "VARCHAR(20)", "VARCHAR(200)", "VARCHAR(200)",
            "TIMESTAMP(6) WITH TIME ZONE", "VARCHAR(200)", "BIGINT", "VARCHAR", "VARCHAR"};
    private static final String[] LINK_COLUMNS = {"judgment_id", "position", "completion_id"};
    private static final String[] LINK_TYPES = {"VARCHAR(200)", "INT", "VARCHAR(200)"};
    static final String SELECT = "SELECT j.id, j.kind, j.prompt_id, j.annotator_id, j.created_at, j.guideline_version,"
            + " j.time_spent_ms, j.justification, j.payload FROM judgments j";

    private final Connection connection;

    JudgmentRepository(Connection connection) {
        this.connection = connection;
    }

    /** Stores the judgment unless one with its id exists; true when it was new. */
    public boolean save(Judgment judgment) throws SQLException {
        return saveAll(List.of(judgment)) == 1;
    }

    /**
     * Stores, in two JDBC batches, the judgments not yet present (and which completions each is
     * about); returns how many were new. Timestamps keep microseconds, the precision of both databases.
     */
    public int saveAll(Collection<? extends Judgment> judgments) throws SQLException {
        int inserted = 0;
        List<Judgment> present = new ArrayList<>();
        try (InsertIfAbsent insert = new InsertIfAbsent(connection, "judgments", COLUMNS, TYPES, 1)) {
            for (Judgment j : judgments) {
                JudgmentMeta m = j.meta();
                insert.add(j.id(), j.kind(), j.promptId(), m.annotatorId(), Sql.timestamp(m.createdAt()),
                        m.guidelineVersion(), m.timeSpent().toMillis(), m.justification(), JudgmentCodec.payload(j));
            }
            boolean[] rows = insert.executeRows();
            int i = 0;
            for (Judgment j : judgments) {
                if (rows[i++]) inserted++;
                else present.add(j);
            }
        }
        refuseConflicts(present);
        try (InsertIfAbsent links = new InsertIfAbsent(connection, "judgment_completions", LINK_COLUMNS, LINK_TYPES, 2)) {
            for (Judgment j : judgments) {
                List<String> ids = j.completionIds();
                for (int i = 0; i < ids.size(); i++) links.add(j.id(), i, ids.get(i));
            }
            links.execute();
        }
        return inserted;
    }

    /**
     * A judgment id already stored must mean the same judgment. Unlike prompts and completions,
     * judgment ids are not always content hashes (the hh-rlhf reader derives them from file name and
     * line, so two different files both called test.jsonl collide): silently keeping the old row
     * would attach it to the wrong dataset, so the whole transaction fails instead.
     */
    private void refuseConflicts(List<Judgment> present) throws SQLException {
        for (List<Judgment> chunk : Sql.chunks(present, 500)) {
            Map<String, Judgment> stored = new HashMap<>();
            for (Judgment s : query(SELECT + " WHERE j.id IN (" + Sql.placeholders(chunk.size()) + ")",
                    chunk.stream().map(Judgment::id).toArray())) {
                stored.put(s.id(), s);
            }
            for (Judgment j : chunk) {
                Judgment s = stored.get(j.id());
                if (s != null && !s.equals(withStoredPrecision(j))) {
                    throw new IllegalArgumentException("judgment id " + j.id() + " is already stored with different content"
                            + " (prompt " + s.promptId() + ", " + s.kind() + "); ids derived from a file name and line collide"
                            + " when two different files share a name: rename the file and import again");
                }
            }
        }
    }

    /** The judgment as the store returns it: created_at to the microsecond, time spent to the millisecond. */
    private static Judgment withStoredPrecision(Judgment j) {
        JudgmentMeta m = j.meta();
        Instant micros = m.createdAt().truncatedTo(ChronoUnit.MICROS);
        Duration millis = Duration.ofMillis(m.timeSpent().toMillis());
        if (m.createdAt().equals(micros) && m.timeSpent().equals(millis)) return j;
        return JudgmentCodec.decode(j.id(), j.kind(), j.promptId(),
                new JudgmentMeta(m.annotatorId(), micros, m.guidelineVersion(), millis, m.justification()), JudgmentCodec.payload(j));
    }

    public Optional<Judgment> find(String id) throws SQLException {
        List<Judgment> found = query(SELECT + " WHERE j.id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Every judgment about a prompt, oldest first. */
    public List<Judgment> byPrompt(String promptId) throws SQLException {
        return query(SELECT + " WHERE j.prompt_id = ? ORDER BY j.created_at, j.id", promptId);
    }

    /** Every judgment an annotator gave, oldest first (agreement and quality control start here). */
    public List<Judgment> byAnnotator(String annotatorId) throws SQLException {
        return query(SELECT + " WHERE j.annotator_id = ? ORDER BY j.created_at, j.id", annotatorId);
    }

    /** Every judgment that names a completion (a rating of it, a pairwise it took part in, ...). */
    public List<Judgment> byCompletion(String completionId) throws SQLException {
        return query(SELECT + " WHERE j.id IN (SELECT judgment_id FROM judgment_completions WHERE completion_id = ?)"
                + " ORDER BY j.created_at, j.id", completionId);
    }

    public long count() throws SQLException {
        return Sql.count(connection, "SELECT COUNT(*) FROM judgments");
    }

    /** Judgment counts by kind ("pairwise", "ranking", ...); kinds with none are absent. */
    public Map<String, Long> countByKind() throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT kind, COUNT(*) FROM judgments GROUP BY kind ORDER BY kind");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) out.put(rs.getString(1), rs.getLong(2));
        }
        return out;
    }

    /** The pairwise comparisons about one prompt: pairwise judgments as they are, rankings expanded. */
    public List<Comparison> comparisonsOf(String promptId) throws SQLException {
        List<Comparison> out = new ArrayList<>();
        for (Judgment j : query(SELECT + " WHERE j.prompt_id = ? AND j.kind IN ('pairwise', 'ranking')"
                + " ORDER BY j.created_at, j.id", promptId)) {
            out.addAll(j.comparisons());
        }
        return out;
    }

    /**
     * Streams every pairwise comparison in the store (pairwise judgments, rankings expanded into
     * their K(K-1)/2 pairs), ordered by judgment time then id. The stream reads the table lazily:
     * use it inside the transaction and close it (try-with-resources).
     */
    public Stream<Comparison> comparisons() throws SQLException {
        return stream(SELECT + " WHERE j.kind IN ('pairwise', 'ranking') ORDER BY j.created_at, j.id")
                .flatMap(j -> j.comparisons().stream());
    }

    /** As {@link #comparisons()}, restricted to the judgments of one dataset, in file order. */
    public Stream<Comparison> comparisons(String dataset) throws SQLException {
        return stream(SELECT + " JOIN dataset_judgments d ON d.judgment_id = j.id"
                + " WHERE d.dataset_name = ? AND j.kind IN ('pairwise', 'ranking') ORDER BY d.line_no, d.position", dataset)
                .flatMap(j -> j.comparisons().stream());
    }

    /** Streams the rows of a judgment query lazily; closing the stream closes the result set. */
    Stream<Judgment> stream(String sql, Object... params) throws SQLException {
        PreparedStatement s = connection.prepareStatement(sql);
        try {
            s.setFetchSize(500); // PostgreSQL reads in pages instead of all rows at once (needs autocommit off)
            Sql.bind(s, params);
            return ResultSetStream.of(s, s.executeQuery(), JudgmentRepository::read);
        } catch (SQLException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    List<Judgment> query(String sql, Object... params) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            Sql.bind(s, params);
            List<Judgment> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) out.add(read(rs));
            }
            return out;
        }
    }

    static Judgment read(ResultSet rs) throws SQLException {
        JudgmentMeta meta = new JudgmentMeta(rs.getString("annotator_id"), Sql.instant(rs, "created_at"),
                rs.getString("guideline_version"), Duration.ofMillis(rs.getLong("time_spent_ms")),
                rs.getString("justification"));
        return JudgmentCodec.decode(rs.getString("id"), rs.getString("kind"), rs.getString("prompt_id"), meta,
                rs.getString("payload"));
    }

}
