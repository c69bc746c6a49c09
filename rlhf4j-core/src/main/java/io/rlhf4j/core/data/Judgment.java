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
