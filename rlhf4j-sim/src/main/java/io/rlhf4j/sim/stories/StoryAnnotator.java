package io.rlhf4j.sim.stories;

import io.rlhf4j.core.data.ExpertiseLevel;
import io.rlhf4j.core.data.PairwiseChoice;
import io.rlhf4j.sim.AnnotatorProfile;
import io.rlhf4j.sim.PairwiseDraw;
import io.rlhf4j.sim.Verdict;

import java.time.Duration;
import java.util.Random;

/**
 * One simulated person comparing two continuations of a story opening, with the same model of
 * people as the task world's {@code SimulatedAnnotator}: P(A) = sigmoid((goldA - goldB) / T + length
 * bias x word difference + position bias), T by the annotator's level in stories, random clicking
 * at the profile's rate, a spammer always answering "A". Perceived log-odds closer to even than
 * {@value #TIE_LOGIT} is a tie. Seeded.
 */
public final class StoryAnnotator {
    static final double TIE_LOGIT = 0.25;

    private final AnnotatorProfile profile;
    private final ExpertiseLevel level;
    private final StoryGoldJudge gold;
    private final Random random;

    /** @param level the annotator's real skill at judging stories (also what it claims to the platform) */
    public StoryAnnotator(AnnotatorProfile profile, ExpertiseLevel level, StoryGoldJudge gold, long seed) {
        this.profile = profile;
        this.level = level;
        this.gold = gold;
        this.random = new Random(seed * 31 + profile.id().hashCode());
    }

    public AnnotatorProfile profile() {
        return profile;
    }

    public ExpertiseLevel level() {
        return level;
    }

    public double temperature() {
        return switch (level) {
            case EXPERT -> AnnotatorProfile.T_EXPERT;
            case GENERALIST -> AnnotatorProfile.T_GENERALIST;
            case NOVICE -> AnnotatorProfile.T_NOVICE;
        };
    }

    /** Log-odds of preferring A before random clicking: gold gap over temperature plus length and position biases. */
    public double logOddsA(StoryPrompt prompt, String a, String b) {
        return utility(prompt, a) - utility(prompt, b) + profile.positionBias();
    }

    private double utility(StoryPrompt prompt, String text) {
        return gold.score(prompt, text).total() / temperature() + profile.lengthBias() * StoryGoldJudge.wordCount(text);
    }

    public Verdict.Pair judgePair(StoryPrompt prompt, String a, String b) {
        // The same draws as the task world's annotator (PairwiseDraw), without its "both bad" answer.
        PairwiseDraw.Choice drawn = PairwiseDraw.withoutWeighing(profile, random);
        if (drawn == null) {
            double z = logOddsA(prompt, a, b);
            drawn = Math.abs(z) < TIE_LOGIT ? new PairwiseDraw.Choice(PairwiseChoice.TIE, 0)
                    : PairwiseDraw.byOdds(1 / (1 + Math.exp(-z)), random);
        }
        PairwiseChoice choice = drawn.choice();
        int strength = drawn.strength();
        String why = switch (profile.kind()) {
            case SPAMMER -> null;
            case CARELESS -> "fine";
            default -> choice == PairwiseChoice.TIE ? "Both stories are about as good." : "The "
                    + (choice == PairwiseChoice.A ? "first" : "second") + " story is kinder and stays with the story.";
        };
        double seconds = profile.secondsPerTask() * (1 + (a.length() + b.length()) / 400.0) * Math.exp(0.3 * random.nextGaussian());
        return new Verdict.Pair(choice, strength, why, Duration.ofMillis(Math.round(seconds * 1000)));
    }
}
