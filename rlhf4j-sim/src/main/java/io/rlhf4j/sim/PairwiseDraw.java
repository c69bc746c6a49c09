package io.rlhf4j.sim;

import io.rlhf4j.core.data.PairwiseChoice;
import io.rlhf4j.core.data.PairwiseJudgment;

import java.util.Random;

/**
 * How a simulated annotator turns a pairwise judgement into a choice and a strength, shared by the
 * task-world {@link SimulatedAnnotator} and the stories annotator so that both panels behave alike
 * (same careless clicks, same link between confidence and strength). Each method draws from the
 * caller's {@link Random} in a fixed order, so a seeded panel repeats.
 */
public final class PairwiseDraw {
    /** A pairwise choice and its strength (0 for a tie or "both bad"). */
    public record Choice(PairwiseChoice choice, int strength) {}

    private PairwiseDraw() {}

    /**
     * The answer of an annotator who does not weigh this pair: a spammer's "A" ({@link AnnotatorProfile#alwaysA}), or,
     * at the profile's random rate (one draw), a careless click. Null when the annotator weighs the pair; the caller
     * then decides from its own perceived log-odds.
     */
    public static Choice withoutWeighing(AnnotatorProfile profile, Random random) {
        if (profile.alwaysA()) return alwaysA();
        if (random.nextDouble() < profile.randomRate()) return atRandom(random);
        return null;
    }

    /** A spammer's answer: always the first shown, as strongly as possible. */
    public static Choice alwaysA() {
        return new Choice(PairwiseChoice.A, PairwiseJudgment.MAX_STRENGTH);
    }

    /** A careless click: A or B at random, with any strength (draws a boolean, then an int). */
    public static Choice atRandom(Random random) {
        PairwiseChoice choice = random.nextBoolean() ? PairwiseChoice.A : PairwiseChoice.B;
        return new Choice(choice, 1 + random.nextInt(PairwiseJudgment.MAX_STRENGTH));
    }

    /**
     * A or B with probability {@code pA} of A (one draw). Strength follows the probability margin: barely
     * sure is "slightly", near certain is "much"; a choice against the odds is always "slightly".
     */
    public static Choice byOdds(double pA, Random random) {
        PairwiseChoice choice = random.nextDouble() < pA ? PairwiseChoice.A : PairwiseChoice.B;
        boolean withTheOdds = (choice == PairwiseChoice.A) == (pA >= 0.5);
        double margin = Math.abs(pA - 0.5);
        return new Choice(choice, !withTheOdds ? 1 : margin < 0.2 ? 1 : margin < 0.4 ? 2 : 3);
    }
}
