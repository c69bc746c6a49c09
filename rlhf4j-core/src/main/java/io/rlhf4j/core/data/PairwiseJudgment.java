package io.rlhf4j.core.data;

import java.util.List;

/**
 * An A/B comparison on the 7-point scale of HH-RLHF-style collection: A much better (-3), better (-2),
 * slightly better (-1), about the same (0), and the same three steps towards B. {@code strength} is
 * the distance from the middle (1..3) for A or B, and 0 for TIE and BOTH_BAD. A and B are the
 * positions as shown to the annotator, so position bias can be measured.
 */
public record PairwiseJudgment(String id, String promptId, String completionA, String completionB,
                               PairwiseChoice choice, int strength, JudgmentMeta meta) implements Judgment {
    public static final int MAX_STRENGTH = 3;

    public PairwiseJudgment {
        Checks.id(id, "pairwise.id");
        Checks.id(promptId, "pairwise.prompt_id");
        Checks.id(completionA, "pairwise.completion_a");
        Checks.id(completionB, "pairwise.completion_b");
        if (completionA.equals(completionB)) {
            throw new IllegalArgumentException("pairwise " + id + ": completion_a and completion_b are the same completion");
        }
        Checks.present(choice, "pairwise.choice");
        Checks.present(meta, "pairwise.meta");
        switch (choice) {
            case A, B -> Checks.range(strength, 1, MAX_STRENGTH, "pairwise " + id + ": strength");
            case TIE, BOTH_BAD -> {
                if (strength != 0) throw new IllegalArgumentException(
                        "pairwise " + id + ": strength must be 0 for " + choice + ", was " + strength);
            }
        }
    }

    /** Builds a judgment from a position on the 7-point scale (-3 = A much better ... +3 = B much better). */
    public static PairwiseJudgment fromScale(String id, String promptId, String a, String b, int scale7, JudgmentMeta meta) {
        Checks.range(scale7, -MAX_STRENGTH, MAX_STRENGTH, "pairwise " + id + ": scale");
        PairwiseChoice choice = scale7 < 0 ? PairwiseChoice.A : scale7 > 0 ? PairwiseChoice.B : PairwiseChoice.TIE;
        return new PairwiseJudgment(id, promptId, a, b, choice, Math.abs(scale7), meta);
    }

    /** The position on the 7-point scale; 0 for ties and for "both bad". */
    public int scale() {
        return switch (choice) {
            case A -> -strength;
            case B -> strength;
            case TIE, BOTH_BAD -> 0;
        };
    }

    @Override
    public List<String> completionIds() {
        return List.of(completionA, completionB);
    }

    /** The one comparison this judgment is, chosen first. */
    public Comparison toComparison() {
        String annotator = meta.annotatorId();
        return switch (choice) {
            case A -> new Comparison(promptId, completionA, completionB, Comparison.Outcome.PREFERRED, strength, id, annotator);
            case B -> new Comparison(promptId, completionB, completionA, Comparison.Outcome.PREFERRED, strength, id, annotator);
            case TIE -> new Comparison(promptId, completionA, completionB, Comparison.Outcome.TIE, 0, id, annotator);
            case BOTH_BAD -> new Comparison(promptId, completionA, completionB, Comparison.Outcome.BOTH_BAD, 0, id, annotator);
        };
    }
}
