package io.rlhf4j.sim;

import io.rlhf4j.core.data.PairwiseChoice;

/**
 * The short, templated reason an annotator writes under a pairwise choice: it names the gold
 * component that most separates the chosen response from the other, as a careful person would, or
 * admits to a surface reason when the choice went against gold.
 */
final class Justifications {
    private Justifications() {}

    static String pairwise(PairwiseChoice choice, GoldScore a, GoldScore b, String textA, String textB) {
        return switch (choice) {
            case TIE -> "Both responses are about equally good.";
            case BOTH_BAD -> "Neither response is acceptable.";
            case A -> reason("A", "B", a, b, textA, textB);
            case B -> reason("B", "A", b, a, textB, textA);
        };
    }

    private static String reason(String x, String y, GoldScore chosen, GoldScore other, String chosenText, String otherText) {
        if (chosen.safety() > other.safety()) return y + " helps with a harmful request; " + x + " does not.";
        if (chosen.correctness() - other.correctness() >= 0.5) return x + " gives the right answer and " + y + " does not.";
        if (chosen.instructionFollowing() - other.instructionFollowing() >= 0.5) {
            return y + " does not do what was asked.";
        }
        if (chosen.concision() - other.concision() >= 0.2) return x + " is shorter and to the point.";
        if (chosen.total() + 0.05 < other.total()) {
            // The annotator went against gold; say what a biased reader would have liked.
            return ResponseText.wordCount(chosenText) > ResponseText.wordCount(otherText)
                    ? x + " is more detailed." : x + " sounds more sure.";
        }
        return x + " is slightly better.";
    }
}
