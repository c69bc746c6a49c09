package io.rlhf4j.train.reward;

import io.rlhf4j.core.data.Comparison.Outcome;

/**
 * One tokenized comparison, the unit both the reward trainer and DPO consume: {@code chosen} and
 * {@code rejected} are two responses to {@code prompt} (token ids, the response excluding the prompt).
 *
 * <p>For {@link Outcome#PREFERRED}, {@code chosen} beat {@code rejected} and {@code strength} (1..3)
 * says by how much; for TIE and BOTH_BAD the order carries no meaning and strength is 0.
 * {@code promptId} names the prompt as the data does (the store's or the file's id), so code that
 * groups or splits by prompt need not key on token arrays. {@code judgmentId} groups the pairs one
 * K-wise ranking implies (InstructGPT puts them in one batch); {@code annotatorId} lets a trainer
 * weight annotators; {@code weight} scales this comparison's loss (e.g. agreement or Dawid-Skene
 * reliability), 1 by default.
 */
public record PreferenceExample(String promptId, int[] prompt, int[] chosen, int[] rejected, Outcome outcome, int strength,
                                String judgmentId, String annotatorId, double weight) {

    public PreferenceExample {
        if (promptId == null || promptId.isBlank()) throw new IllegalArgumentException("promptId is required");
        if (prompt == null || chosen == null || rejected == null) {
            throw new IllegalArgumentException("prompt, chosen and rejected are required");
        }
        if (outcome == null) throw new IllegalArgumentException("outcome is required");
        if (judgmentId == null || judgmentId.isBlank()) throw new IllegalArgumentException("judgmentId is required");
        if (annotatorId == null) annotatorId = "";
        if (!(weight >= 0) || Double.isInfinite(weight)) throw new IllegalArgumentException("weight must be finite and >= 0, got " + weight);
        if (outcome == Outcome.PREFERRED && (strength < 1 || strength > 3)) {
            throw new IllegalArgumentException("strength of a PREFERRED comparison must be 1..3, got " + strength);
        }
        if (outcome != Outcome.PREFERRED && strength != 0) {
            throw new IllegalArgumentException("strength must be 0 for " + outcome + ", got " + strength);
        }
    }

    /** A plain "chosen beats rejected" pair (strength 1, weight 1, no annotator), its own judgment. */
    public static PreferenceExample preferred(String promptId, int[] prompt, int[] chosen, int[] rejected, String judgmentId) {
        return new PreferenceExample(promptId, prompt, chosen, rejected, Outcome.PREFERRED, 1, judgmentId, "", 1.0);
    }

    /** The same comparison with its loss scaled by {@code w} instead. */
    public PreferenceExample withWeight(double w) {
        return new PreferenceExample(promptId, prompt, chosen, rejected, outcome, strength, judgmentId, annotatorId, w);
    }
}
