package io.rlhf4j.core.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A K-wise ranking, best first. Each tier holds completions the annotator tied, so
 * {@code [[a], [b, c], [d]]} reads "a, then b and c equally, then d".
 */
public record RankingJudgment(String id, String promptId, List<List<String>> tiers, JudgmentMeta meta)
        implements Judgment {
    public RankingJudgment {
        Checks.id(id, "ranking.id");
        Checks.id(promptId, "ranking.prompt_id");
        Checks.present(meta, "ranking.meta");
        Checks.nonEmpty(tiers, "ranking " + id + ": tiers");
        List<List<String>> copy = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int t = 0; t < tiers.size(); t++) {
            List<String> tier = List.copyOf(Checks.nonEmpty(tiers.get(t), "ranking " + id + ": tier " + t));
            for (String c : tier) {
                Checks.id(c, "ranking " + id + ": tier " + t + " completion");
                if (!seen.add(c)) throw new IllegalArgumentException("ranking " + id + ": completion " + c + " ranked twice");
            }
            copy.add(tier);
        }
        if (seen.size() < 2) throw new IllegalArgumentException("ranking " + id + ": needs at least 2 completions");
        tiers = List.copyOf(copy);
    }

    /** A ranking without ties, best first. */
    public static RankingJudgment ofOrder(String id, String promptId, List<String> bestFirst, JudgmentMeta meta) {
        return new RankingJudgment(id, promptId, bestFirst.stream().map(List::of).toList(), meta);
    }

    @Override
    public List<String> completionIds() {
        return tiers.stream().flatMap(List::stream).toList();
    }

    /**
     * All K(K-1)/2 pairs this ranking implies (InstructGPT), grouped under this judgment's id. Tied
     * completions give TIE pairs; otherwise the strength is the gap in tiers, capped at 3, so "first
     * versus last" counts as a stronger preference than neighbours.
     */
    public List<Comparison> toComparisons() {
        List<Comparison> pairs = new ArrayList<>();
        String annotator = meta.annotatorId();
        for (int i = 0; i < tiers.size(); i++) {
            List<String> tier = tiers.get(i);
            for (int a = 0; a < tier.size(); a++) {
                for (int b = a + 1; b < tier.size(); b++) {
                    pairs.add(new Comparison(promptId, tier.get(a), tier.get(b), Comparison.Outcome.TIE, 0, id, annotator));
                }
            }
            for (int j = i + 1; j < tiers.size(); j++) {
                int strength = Math.min(j - i, PairwiseJudgment.MAX_STRENGTH);
                for (String better : tier) {
                    for (String worse : tiers.get(j)) {
                        pairs.add(new Comparison(promptId, better, worse, Comparison.Outcome.PREFERRED, strength, id, annotator));
                    }
                }
            }
        }
        return pairs;
    }
}
