package io.rlhf4j.train.reward;

import io.rlhf4j.core.data.Comparison.Outcome;

/**
 * One tokenized comparison, the unit both the reward trainer and DPO consume: {@code a} and
 * {@code b} are two responses to {@code prompt} (token ids, the response excluding the prompt).
 *
 * <p>For {@link Outcome#PREFERRED}, {@code a} is the chosen and {@code b} the rejected response and
 * {@code strength} (1..3) says by how much; for TIE and BOTH_BAD the order carries no meaning and
 * strength is 0. {@code judgmentId} groups the pairs one K-wise ranking implies (InstructGPT puts
 * them in one batch); {@code annotatorId} lets a trainer weight annotators; {@code weight} scales
 * this comparison's loss (e.g. agreement or Dawid-Skene reliability), 1 by default.
 */
public record PreferenceExample(int[] prompt, int[] a, int[] b, Outcome outcome, int strength, String judgmentId,
                                String annotatorId, double weight) {

    public PreferenceExample {
        if (prompt == null || a == null || b == null) throw new IllegalArgumentException("prompt, a and b are required");
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

    /** A plain "chosen beats rejected" pair (strength 1, weight 1), its own judgment. */
    public static PreferenceExample preferred(int[] prompt, int[] chosen, int[] rejected, String judgmentId) {
        return new PreferenceExample(prompt, chosen, rejected, Outcome.PREFERRED, 1, judgmentId, "", 1.0);
    }

    public int[] chosen() { return a; }

    public int[] rejected() { return b; }

    public PreferenceExample withWeight(double w) {
        return new PreferenceExample(prompt, a, b, outcome, strength, judgmentId, annotatorId, w);
    }

    public PreferenceExample withAnnotator(String annotator) {
        return new PreferenceExample(prompt, a, b, outcome, strength, judgmentId, annotator, weight);
    }
}
