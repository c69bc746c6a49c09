package io.rlhf4j.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Simulates battles from known Bradley-Terry ratings and checks the fit and its bootstrap intervals recover them. */
class BradleyTerryRecoveryTest {
    private static final String[] MODELS = {"m0", "m1", "m2", "m3", "m4", "m5"};
    /** True Arena-scale ratings, mean 1000 so they are directly comparable with the mean-anchored fit. */
    private static final double[] TRUE_RATINGS = {1200, 1100, 1040, 1000, 910, 750};

    private static List<Battle> simulate(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Battle> battles = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            int a = random.nextInt(MODELS.length);
            int b = random.nextInt(MODELS.length - 1);
            if (b >= a) {
                b++;
            }
            double pA = RatingScale.ARENA.winProbability(TRUE_RATINGS[a], TRUE_RATINGS[b]);
            PairwiseOutcome outcome = random.nextDouble() < pA ? PairwiseOutcome.A_WINS : PairwiseOutcome.B_WINS;
            battles.add(new Battle(MODELS[a], MODELS[b], outcome));
        }
        return battles;
    }

    @Test
    void bootstrapIntervalsCoverTrueRatingsAndRankingIsRight() {
        List<Battle> battles = simulate(20_000, 20240611L);
        BradleyTerryFit fit = new BradleyTerry().fitWithBootstrap(battles, 200, 0.95, 7L);

        assertThat(fit.bootstrapRounds()).isEqualTo(200);
        for (int i = 0; i < MODELS.length; i++) {
            ModelStrength s = fit.strength(MODELS[i]);
            assertThat(s.lower()).as(MODELS[i] + " lower").isLessThan(s.rating());
            assertThat(s.upper()).as(MODELS[i] + " upper").isGreaterThan(s.rating());
            // Intervals of roughly +-10 points: narrow enough to be informative.
            assertThat(s.upper() - s.lower()).as(MODELS[i] + " width").isLessThan(40);
            assertThat(TRUE_RATINGS[i]).as(MODELS[i] + " true rating inside CI [" + s.lower() + ", " + s.upper() + "]")
                    .isBetween(s.lower(), s.upper());
        }
        List<String> trueOrder = IntStream.range(0, MODELS.length).boxed()
                .sorted(Comparator.comparingDouble(i -> -TRUE_RATINGS[i])).map(i -> MODELS[i]).toList();
        assertThat(fit.strengths()).extracting(ModelStrength::model).containsExactlyElementsOf(trueOrder);
        // Gaps of >= 40 points are far wider than the intervals, so every rank is distinct and in order.
        assertThat(fit.strengths()).extracting(ModelStrength::rank).containsExactly(1, 2, 3, 4, 5, 6);
        double predicted = fit.winProbability("m0", "m5");
        assertThat(predicted).isCloseTo(RatingScale.ARENA.winProbability(1200, 750),
                org.assertj.core.api.Assertions.within(0.02));
    }

    @Test
    void sameSeedGivesSameIntervals() {
        List<Battle> battles = simulate(2_000, 3L);
        BradleyTerry bt = new BradleyTerry();
        BradleyTerryFit first = bt.fitWithBootstrap(battles, 50, 0.9, 11L);
        BradleyTerryFit second = bt.fitWithBootstrap(battles, 50, 0.9, 11L);
        assertThat(first).isEqualTo(second);
    }
}
