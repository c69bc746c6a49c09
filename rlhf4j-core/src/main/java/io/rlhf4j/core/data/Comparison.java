package io.rlhf4j.core.data;

/**
 * The unit reward models and DPO train on: one pair of completions of one prompt. For PREFERRED,
 * {@code chosenId} beat {@code rejectedId} by {@code strength} (1..3); for TIE and BOTH_BAD the two
 * are simply the pair in the order judged and strength is 0. {@code judgmentId} groups the pairs
 * that one ranking implies, so a trainer can put them in one batch as InstructGPT does.
 */
public record Comparison(String promptId, String chosenId, String rejectedId, Outcome outcome, int strength,
                         String judgmentId, String annotatorId) {
    public enum Outcome { PREFERRED, TIE, BOTH_BAD }

    public Comparison {
        Checks.id(promptId, "comparison.prompt_id");
        Checks.id(chosenId, "comparison.chosen_id");
        Checks.id(rejectedId, "comparison.rejected_id");
        Checks.present(outcome, "comparison.outcome");
        Checks.id(judgmentId, "comparison.judgment_id");
        Checks.id(annotatorId, "comparison.annotator_id");
        if (outcome == Outcome.PREFERRED) {
            Checks.range(strength, 1, PairwiseJudgment.MAX_STRENGTH, "comparison.strength");
        } else if (strength != 0) {
            throw new IllegalArgumentException("comparison.strength must be 0 for " + outcome + ", was " + strength);
        }
    }
}
