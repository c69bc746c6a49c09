package io.rlhf4j.platform;

import io.rlhf4j.core.data.PairwiseChoice;
import io.rlhf4j.core.data.PolicyCategory;
import io.rlhf4j.core.data.RubricDimension;
import io.rlhf4j.core.data.Severity;

import java.util.List;
import java.util.Map;

/**
 * What an annotator submits for a task. Candidates are named by their position as shown in the task
 * (0 = first / "A", 1 = second / "B", ...), never by completion id, so a client never needs, and
 * never sees, anything that could identify the model behind a response. The service maps positions
 * back to completions through the order it recorded when it leased the task.
 */
public sealed interface JudgmentPayload {
    /** Free-text explanation, checked against the project's justification policy. */
    String justification();

    /** How long the annotator worked on the task, as measured by the client (clamped to >= 0). */
    long timeSpentMs();

    TaskType taskType();

    /** 7-point comparison of the two shown responses: choice A/B with strength 1..3, or TIE/BOTH_BAD with 0. */
    record Pairwise(PairwiseChoice choice, int strength, String justification, long timeSpentMs) implements JudgmentPayload {
        public TaskType taskType() { return TaskType.PAIRWISE; }
    }

    /** Best-first tiers of shown positions; positions in one tier are tied. Every shown position exactly once. */
    record Ranking(List<List<Integer>> tiers, String justification, long timeSpentMs) implements JudgmentPayload {
        public Ranking { tiers = tiers == null ? null : tiers.stream().map(List::copyOf).toList(); }
        public TaskType taskType() { return TaskType.RANKING; }
    }

    /** Likert scores of the one shown response on some rubric dimensions, 1..scalePoints. */
    record Rating(Map<RubricDimension, Integer> scores, int scalePoints, String justification, long timeSpentMs)
            implements JudgmentPayload {
        public TaskType taskType() { return TaskType.RATING; }
    }

    /**
     * Multi-turn: the 7-point comparison of two candidates for the next assistant turn, and optionally
     * the next user turn (nextUserTurn) that continues the conversation from the preferred candidate.
     */
    record MultiTurn(PairwiseChoice choice, int strength, String nextUserTurn, String justification, long timeSpentMs)
            implements JudgmentPayload {
        public TaskType taskType() { return TaskType.MULTI_TURN; }

        public Pairwise asPairwise() { return new Pairwise(choice, strength, justification, timeSpentMs); }
    }

    /** The comparison in a pairwise or multi-turn payload; null for other payloads. */
    static Pairwise comparison(JudgmentPayload p) {
        return switch (p) {
            case Pairwise x -> x;
            case MultiTurn x -> x.asPairwise();
            default -> null;
        };
    }

    /** Safety review of the one shown response; category null means "no policy violation". */
    record Safety(PolicyCategory category, Severity severity, String justification, long timeSpentMs) implements JudgmentPayload {
        public TaskType taskType() { return TaskType.SAFETY; }
    }

    /** The ideal response, written from scratch (editedFrom null) or edited from a shown position. */
    record Demonstration(String text, Integer editedFrom, String justification, long timeSpentMs) implements JudgmentPayload {
        public TaskType taskType() { return TaskType.DEMONSTRATION; }
    }
}
