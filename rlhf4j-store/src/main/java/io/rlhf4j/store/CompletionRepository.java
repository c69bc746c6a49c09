package io.rlhf4j.store;

import io.rlhf4j.core.data.Completion;
import io.rlhf4j.core.data.Provenance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Completions with their provenance (source, model, checkpoint, sampling settings). Rows never change once written. */
public final class CompletionRepository {
    private static final String[] COLUMNS = {"id", "prompt_id", "text", "source", "model", "checkpoint", "sampling"};
    private static final String[] TYPES = {"VARCHAR(200)", "VARCHAR(200)", "TEXT", "VARCHAR(20)", "VARCHAR(200)",
            "VARCHAR(1000)", "TEXT"};
    static final String SELECT = "SELECT id, prompt_id, text, source, model, checkpoint, sampling FROM completions";

    private final Connection connection;

    CompletionRepository(Connection connection) {
        this.connection = connection;
    }

    /** Stores the completion unless one with its id exists; true when it was new. Its prompt must be stored. */
    public boolean save(Completion completion) throws SQLException {
        return saveAll(List.of(completion)) == 1;
    }

    /** Stores, in one JDBC batch, the completions not yet present; returns how many were new. */
    public int saveAll(Collection<Completion> completions) throws SQLException {
        try (InsertIfAbsent insert = new InsertIfAbsent(connection, "completions", COLUMNS, TYPES, 1)) {
            for (Completion c : completions) {
                Provenance p = c.provenance();
                insert.add(c.id(), c.promptId(), c.text(), p.source().name(), p.model(), p.checkpoint(),
                        Json.sampling(p.sampling()));
            }
            return insert.execute();
        }
    }

    public Optional<Completion> find(String id) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(SELECT + " WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** All completions of a prompt, by id. */
    public List<Completion> byPrompt(String promptId) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(SELECT + " WHERE prompt_id = ? ORDER BY id")) {
            s.setString(1, promptId);
            List<Completion> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) out.add(read(rs));
            }
            return out;
        }
    }

    public long count() throws SQLException {
        return Sql.count(connection, "SELECT COUNT(*) FROM completions");
    }

    static Completion read(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        Provenance provenance = new Provenance(Provenance.Source.valueOf(rs.getString("source")), rs.getString("model"),
                rs.getString("checkpoint"), Json.sampling(rs.getString("sampling"), "completion " + id));
        return new Completion(id, rs.getString("prompt_id"), rs.getString("text"), provenance);
    }
}
