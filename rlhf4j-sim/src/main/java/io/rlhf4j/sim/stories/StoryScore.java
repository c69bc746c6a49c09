package io.rlhf4j.sim.stories;

/**
 * The story gold judge's verdict on one continuation, every component in [0, 1] and graded, so a
 * slightly better story scores slightly higher.
 *
 * @param happyEnding happy words in the story (up to three count) and one in its ending
 * @param keepsToCast the named character and the named object come back (twice each for full
 *                    credit), less for every other name the story wanders off to
 * @param gentleness  1 without violent or upsetting words, a quarter less for each one
 * @param length      a story of reasonable length (15 to 50 words) that stops at the end of a sentence
 * @param variety     1 for a story that does not repeat itself, falling with the share of repeated word triples
 *                    ("The bunny was very happy. The bunny was very happy." is not a better story for saying it twice)
 * @param total       the weighted sum (weights below)
 */
public record StoryScore(double happyEnding, double keepsToCast, double gentleness, double length, double variety, double total) {
    public static final double W_HAPPY = 0.3, W_CAST = 0.25, W_GENTLE = 0.2, W_LENGTH = 0.1, W_VARIETY = 0.15;

    public StoryScore {
        check(happyEnding, "happy_ending");
        check(keepsToCast, "keeps_to_cast");
        check(gentleness, "gentleness");
        check(length, "length");
        check(variety, "variety");
        check(total, "total");
    }

    public static StoryScore of(double happyEnding, double keepsToCast, double gentleness, double length, double variety) {
        return new StoryScore(happyEnding, keepsToCast, gentleness, length, variety,
                W_HAPPY * happyEnding + W_CAST * keepsToCast + W_GENTLE * gentleness + W_LENGTH * length + W_VARIETY * variety);
    }

    private static void check(double v, String name) {
        if (!(v >= 0 && v <= 1 + 1e-12)) throw new IllegalArgumentException("story " + name + " must be in [0, 1], was " + v);
    }
}
