package io.rlhf4j.sim;

import io.rlhf4j.core.data.PairwiseChoice;
import io.rlhf4j.core.data.PolicyCategory;
import io.rlhf4j.core.data.RubricDimension;
import io.rlhf4j.core.data.Severity;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a simulated annotator decides about texts as shown, before it becomes a stored judgment:
 * candidates are named by position (0 = A), as in the platform's task view, which shows texts and
 * never completion ids. {@link SimulatedAnnotator} turns these into core judgments; the panel turns
 * them into the platform's submission payloads.
 */
public sealed interface Verdict {
    Duration timeSpent();

    String justification();

    /** 7-point choice: A/B with strength 1..3, or TIE/BOTH_BAD with 0. */
    record Pair(PairwiseChoice choice, int strength, String justification, Duration timeSpent) implements Verdict {}

    /** Best-first tiers of shown positions; positions in one tier are tied. */
    record Ranking(List<List<Integer>> tiers, String justification, Duration timeSpent) implements Verdict {}

    /** Likert scores 1..scalePoints per rubric dimension. */
    record Rating(Map<RubricDimension, Integer> scores, int scalePoints, String justification, Duration timeSpent) implements Verdict {}

    /** A policy violation found (category and severity), or none (both null). */
    record Safety(PolicyCategory category, Severity severity, String justification, Duration timeSpent) implements Verdict {
        public boolean flagged() {
            return category != null;
        }
    }

    /** A written ideal response. */
    record Demonstration(String text, String justification, Duration timeSpent) implements Verdict {}
}
