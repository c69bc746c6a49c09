package io.rlhf4j.core.data;

import java.util.List;

/**
 * One piece of human feedback on a prompt's completions. Switch over the cases with patterns:
 * {@code switch (j) { case PairwiseJudgment p -> ...; case RankingJudgment r -> ...; ... }}.
 */
public sealed interface Judgment permits PairwiseJudgment, RankingJudgment, RatingJudgment, SafetyFlag, Demonstration {
    String id();

    String promptId();

    JudgmentMeta meta();

    /** The completions this judgment is about (empty for a demonstration written from scratch). */
    List<String> completionIds();

    /**
     * The preference pairs this judgment implies: the one judgment-to-pair rule that reward and DPO
     * training, the demo, exports and the leaderboard share. A pairwise judgment is one pair, chosen
     * first (in the order shown for TIE and BOTH_BAD); a K-wise ranking is its K(K-1)/2 pairs under
     * this judgment's id. Ratings, safety flags and demonstrations imply none: a rating scores one
     * completion on an absolute scale, and pairing two ratings would compare two annotators' use of
     * the scale as much as the completions.
     */
    default List<Comparison> comparisons() {
        return switch (this) {
            case PairwiseJudgment p -> List.of(p.toComparison());
            case RankingJudgment r -> r.toComparisons();
            case RatingJudgment r -> List.of();
            case SafetyFlag f -> List.of();
            case Demonstration d -> List.of();
        };
    }

    /** The wire name of the kind, as used in the native format and the store. */
    default String kind() {
        return switch (this) {
            case PairwiseJudgment p -> "pairwise";
            case RankingJudgment r -> "ranking";
            case RatingJudgment r -> "rating";
            case SafetyFlag f -> "safety_flag";
            case Demonstration d -> "demonstration";
        };
    }
}
