package io.rlhf4j.store;

import io.rlhf4j.core.data.Completion;
import io.rlhf4j.core.data.DatasetItem;
import io.rlhf4j.core.data.Judgment;
import io.rlhf4j.core.data.Prompt;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Saves whole dataset items in foreign-key order (prompts, completions, annotators, judgments)
 * with one JDBC batch per table, instead of one round trip per row: this is what makes a
 * 2,312-pair import take about a second on PostgreSQL rather than tens. Annotators a judgment
 * names but nobody described are created bare ({@link AnnotatorRepository#ensureExists}).
 */
final class ItemBatch {
    private ItemBatch() {}

    static SaveCounts save(Tx tx, List<DatasetItem> items) throws SQLException {
        Map<String, Prompt> prompts = new LinkedHashMap<>();
        Map<String, Completion> completions = new LinkedHashMap<>();
        Map<String, Judgment> judgments = new LinkedHashMap<>();
        Set<String> annotators = new LinkedHashSet<>();
        for (DatasetItem item : items) {
            prompts.putIfAbsent(item.prompt().id(), item.prompt());
            item.completions().forEach(c -> completions.putIfAbsent(c.id(), c));
            for (Judgment j : item.judgments()) {
                judgments.putIfAbsent(j.id(), j);
                annotators.add(j.meta().annotatorId());
            }
        }
        // Rows repeated within the batch count as "present" too: the file said the same thing twice.
        int newPrompts = tx.prompts().saveAll(prompts.values());
        int newCompletions = tx.completions().saveAll(completions.values());
        int newAnnotators = tx.annotators().ensureExists(annotators);
        int newJudgments = tx.judgments().saveAll(new ArrayList<>(judgments.values()));
        long promptRefs = items.size();
        long completionRefs = items.stream().mapToLong(i -> i.completions().size()).sum();
        long judgmentRefs = items.stream().mapToLong(i -> i.judgments().size()).sum();
        return new SaveCounts(newPrompts, promptRefs - newPrompts, newCompletions, completionRefs - newCompletions,
                newJudgments, judgmentRefs - newJudgments, newAnnotators);
    }
}
