package io.rlhf4j.store;

import io.rlhf4j.core.data.Prompt;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Prompts: a conversation ending on a user turn, and its domain. Rows never change once written. */
public final class PromptRepository {
    private static final String[] COLUMNS = {"id", "conversation", "domain"};
    private static final String[] TYPES = {"VARCHAR(200)", "TEXT", "VARCHAR(200)"};
    static final String SELECT = "SELECT id, conversation, domain FROM prompts";

    private final Connection connection;

    PromptRepository(Connection connection) {
        this.connection = connection;
    }

    /** Stores the prompt unless one with its id exists; true when it was new. */
    public boolean save(Prompt prompt) throws SQLException {
        return saveAll(List.of(prompt)) == 1;
    }

    /** Stores, in one JDBC batch, the prompts not yet present; returns how many were new. */
    public int saveAll(Collection<Prompt> prompts) throws SQLException {
        try (InsertIfAbsent insert = new InsertIfAbsent(connection, "prompts", COLUMNS, TYPES, 1)) {
            for (Prompt p : prompts) insert.add(p.id(), Json.conversation(p.conversation()), p.domain());
            return insert.execute();
        }
    }

    public Optional<Prompt> find(String id) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(SELECT + " WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    public long count() throws SQLException {
        return Sql.count(connection, "SELECT COUNT(*) FROM prompts");
    }

    static Prompt read(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        return new Prompt(id, Json.conversation(rs.getString("conversation"), "prompt " + id), rs.getString("domain"));
    }
}
