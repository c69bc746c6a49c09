package io.rlhf4j.store;

import io.rlhf4j.core.data.Completion;
import io.rlhf4j.core.data.DatasetItem;
import io.rlhf4j.core.data.Judgment;
import io.rlhf4j.core.data.Prompt;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads stored data back as {@link DatasetItem}s (a prompt with its completions and judgments),
 * for export and for trainers. Prompts are fetched in pages of {@value #PAGE}, with their
 * completions and judgments in one query each per page rather than two per prompt. For a dataset,
 * items come in file order and hold only that dataset's completions and judgments.
 */
public final class StoredItems {
    /** Receives items one at a time; may write them to a file. */
    @FunctionalInterface
    public interface Sink {
        void accept(DatasetItem item) throws IOException;
    }

    static final int PAGE = 500;

    private StoredItems() {}

    /**
     * Hands every item of {@code dataset} (null: the whole store, by prompt id) to {@code sink}.
     * {@code kinds} keeps only judgments of those kinds ("pairwise", "ranking", ...; empty: all), and
     * then drops items left with no judgment. Returns the number of items handed over.
     */
    public static long forEach(Tx tx, String dataset, Set<String> kinds, Sink sink) throws SQLException, IOException {
        Connection c = tx.connection();
        List<String> promptIds = dataset == null
                ? strings(c, "SELECT id FROM prompts ORDER BY id")
                : strings(c, "SELECT prompt_id FROM dataset_prompts WHERE dataset_name = ? ORDER BY line_no, prompt_id", dataset);
        long handed = 0;
        for (List<String> page : Sql.chunks(promptIds, PAGE)) {
            Map<String, Prompt> prompts = new HashMap<>();
            for (Prompt p : prompts(c, page)) prompts.put(p.id(), p);
            Map<String, List<Completion>> completions = group(completions(c, dataset, page), Completion::promptId);
            Map<String, List<Judgment>> judgments = group(judgments(tx, dataset, page, kinds), Judgment::promptId);
            for (String id : page) {
                List<Judgment> js = judgments.getOrDefault(id, List.of());
                if (!kinds.isEmpty() && js.isEmpty()) continue;
                sink.accept(new DatasetItem(prompts.get(id), completions.getOrDefault(id, List.of()), js));
                handed++;
            }
        }
        return handed;
    }

    private static List<Prompt> prompts(Connection c, List<String> ids) throws SQLException {
        List<Prompt> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(PromptRepository.SELECT + " WHERE id IN (" + Sql.placeholders(ids.size()) + ")")) {
            Sql.bind(s, ids.toArray());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) out.add(PromptRepository.read(rs));
            }
        }
        return out;
    }

    private static List<Completion> completions(Connection c, String dataset, List<String> promptIds) throws SQLException {
        String in = " IN (" + Sql.placeholders(promptIds.size()) + ")";
        String sql = dataset == null
                ? CompletionRepository.SELECT + " WHERE prompt_id" + in + " ORDER BY prompt_id, id"
                : "SELECT c.id, c.prompt_id, c.text, c.source, c.model, c.checkpoint, c.sampling FROM completions c"
                  + " JOIN dataset_completions d ON d.completion_id = c.id WHERE d.dataset_name = ? AND c.prompt_id" + in
                  + " ORDER BY d.line_no, d.position";
        List<Object> params = new ArrayList<>();
        if (dataset != null) params.add(dataset);
        params.addAll(promptIds);
        List<Completion> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            Sql.bind(s, params.toArray());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) out.add(CompletionRepository.read(rs));
            }
        }
        return out;
    }

    private static List<Judgment> judgments(Tx tx, String dataset, List<String> promptIds, Set<String> kinds) throws SQLException {
        StringBuilder sql = new StringBuilder(JudgmentRepository.SELECT);
        List<Object> params = new ArrayList<>();
        if (dataset != null) {
            sql.append(" JOIN dataset_judgments d ON d.judgment_id = j.id WHERE d.dataset_name = ? AND");
            params.add(dataset);
        } else {
            sql.append(" WHERE");
        }
        sql.append(" j.prompt_id IN (").append(Sql.placeholders(promptIds.size())).append(")");
        params.addAll(promptIds);
        if (!kinds.isEmpty()) {
            sql.append(" AND j.kind IN (").append(Sql.placeholders(kinds.size())).append(")");
            params.addAll(kinds);
        }
        sql.append(dataset == null ? " ORDER BY j.prompt_id, j.created_at, j.id" : " ORDER BY d.line_no, d.position");
        return tx.judgments().query(sql.toString(), params.toArray());
    }

    private static List<String> strings(Connection c, String sql, Object... params) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            Sql.bind(s, params);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static <T> Map<String, List<T>> group(List<T> rows, java.util.function.Function<T, String> key) {
        Map<String, List<T>> out = new LinkedHashMap<>();
        for (T row : rows) out.computeIfAbsent(key.apply(row), k -> new ArrayList<>()).add(row);
        return out;
    }
}
