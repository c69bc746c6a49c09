package io.rlhf4j.train.reward;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * All the pairs one judgment implies (a K-wise ranking gives K(K-1)/2 of them). The reward trainer
 * batches whole groups, never splitting one, as InstructGPT does: each ranking's responses are
 * scored once and the ranking counts as one batch element, so a 9-way ranking does not dominate an
 * epoch with 36 correlated pairs (their overfitting fix).
 */
public record JudgmentGroup(String judgmentId, List<PreferenceExample> pairs) {

    public JudgmentGroup {
        if (pairs.isEmpty()) throw new IllegalArgumentException("judgment " + judgmentId + " has no pairs");
        pairs = List.copyOf(pairs);
    }

    /** Groups by {@link PreferenceExample#judgmentId}, in order of first appearance. */
    public static List<JudgmentGroup> group(List<PreferenceExample> examples) {
        Map<String, List<PreferenceExample>> byJudgment = new LinkedHashMap<>();
        for (PreferenceExample e : examples) byJudgment.computeIfAbsent(e.judgmentId(), k -> new ArrayList<>()).add(e);
        List<JudgmentGroup> groups = new ArrayList<>(byJudgment.size());
        byJudgment.forEach((id, pairs) -> groups.add(new JudgmentGroup(id, pairs)));
        return groups;
    }

    /** The pairs of all groups, flattened in order. */
    public static List<PreferenceExample> flatten(List<JudgmentGroup> groups) {
        List<PreferenceExample> out = new ArrayList<>();
        for (JudgmentGroup g : groups) out.addAll(g.pairs());
        return out;
    }
}
