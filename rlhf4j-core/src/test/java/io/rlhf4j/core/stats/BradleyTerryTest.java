package io.rlhf4j.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class BradleyTerryTest {

    private static List<Battle> repeat(String a, String b, PairwiseOutcome outcome, int times) {
        return new ArrayList<>(Collections.nCopies(times, new Battle(a, b, outcome)));
    }

    @Test
    void twoModelsMatchTheClosedForm() {
        // With two models the MLE is theta_a - theta_b = ln(wins_a / wins_b): 30 vs 10 -> ln 3,
        // i.e. 400 * log10(3) = 190.849 Elo points, split around the mean of 1000.
        List<Battle> battles = repeat("a", "b", PairwiseOutcome.A_WINS, 30);
        battles.addAll(repeat("b", "a", PairwiseOutcome.A_WINS, 10));
        BradleyTerryFit fit = new BradleyTerry(0, RatingScale.ARENA).fit(battles);
        assertThat(fit.strength("a").rating()).isCloseTo(1095.424, within(5e-4));
        assertThat(fit.strength("b").rating()).isCloseTo(904.576, within(5e-4));
        assertThat(fit.strength("a").logStrength() - fit.strength("b").logStrength())
                .isCloseTo(Math.log(3), within(1e-9));
        assertThat(fit.winProbability("a", "b")).isCloseTo(0.750, within(5e-4));
        assertThat(fit.strength("a").battles()).isEqualTo(40);
        assertThat(fit.strengths().get(0).model()).isEqualTo("a");
    }

    /** Zermelo / Hunter (2004) MM iteration, converged here as an independent check on the Newton fit. */
    private static double[] minorizeMaximize(double[][] wins) {
        int n = wins.length;
        double[] gamma = new double[n];
        java.util.Arrays.fill(gamma, 1.0);
        for (int iteration = 0; iteration < 100_000; iteration++) {
            double[] next = new double[n];
            double change = 0;
            for (int i = 0; i < n; i++) {
                double totalWins = 0;
                double denominator = 0;
                for (int j = 0; j < n; j++) {
                    if (i != j) {
                        totalWins += wins[i][j];
                        denominator += (wins[i][j] + wins[j][i]) / (gamma[i] + gamma[j]);
                    }
                }
                next[i] = totalWins / denominator;
            }
            double logMean = 0;
            for (double g : next) {
                logMean += Math.log(g) / n;
            }
            for (int i = 0; i < n; i++) {
                next[i] /= Math.exp(logMean);
                change = Math.max(change, Math.abs(next[i] - gamma[i]));
            }
            gamma = next;
            if (change < 1e-13) {
                break;
            }
        }
        double[] theta = new double[n];
        for (int i = 0; i < n; i++) {
            theta[i] = Math.log(gamma[i]);
        }
        return theta;
    }

    @Test
    void winMatrixFitAgreesWithConvergedMmIteration() {
        List<String> models = List.of("w", "x", "y", "z");
        double[][] wins = {
                {0, 7, 9, 6},
                {3, 0, 6, 8},
                {1, 4, 0, 5},
                {4, 2, 5, 0}};
        double[] expected = minorizeMaximize(wins);
        BradleyTerryFit fit = new BradleyTerry(0, RatingScale.ARENA).fit(models, wins);
        for (int i = 0; i < models.size(); i++) {
            ModelStrength s = fit.strength(models.get(i));
            assertThat(s.logStrength()).as(models.get(i)).isCloseTo(expected[i], within(1e-6));
            assertThat(s.rating()).isCloseTo(1000 + 400 / Math.log(10) * expected[i], within(5e-4));
        }
        assertThat(fit.strengths()).extracting(ModelStrength::model).containsExactly("w", "x", "z", "y");
    }

    @Test
    void matchesPublishedJournalCitationFit() {
        // Stigler (1994) citations as in Agresti (2002) p448; winner = cited journal. BradleyTerry2's saved test
        // output (tests/BTabilities.Rout.save) gives abilities relative to Biometrika: Comm Statist -2.9490725,
        // JASA -0.4795698, JRSS-B 0.2689541; and with sum-to-zero contrasts 0.7899221, -2.1591504, 0.3103523,
        // 1.0588761.
        List<String> journals = List.of("Biometrika", "Comm Statist", "JASA", "JRSS-B");
        double[][] wins = {
                {0, 730, 498, 221},
                {33, 0, 68, 17},
                {320, 813, 0, 142},
                {284, 276, 325, 0}};
        BradleyTerryFit relative = new BradleyTerry(0, new RatingScale(400, 10, 0, "Biometrika")).fit(journals, wins);
        assertThat(relative.strength("Biometrika").logStrength()).isEqualTo(0.0);
        assertThat(relative.strength("Comm Statist").logStrength()).isCloseTo(-2.9490725, within(1e-6));
        assertThat(relative.strength("JASA").logStrength()).isCloseTo(-0.4795698, within(1e-6));
        assertThat(relative.strength("JRSS-B").logStrength()).isCloseTo(0.2689541, within(1e-6));
        BradleyTerryFit centred = new BradleyTerry(0, RatingScale.ARENA).fit(journals, wins);
        assertThat(centred.strength("Biometrika").logStrength()).isCloseTo(0.7899221, within(1e-6));
        assertThat(centred.strength("JRSS-B").logStrength()).isCloseTo(1.0588761, within(1e-6));
        assertThat(centred.strengths()).extracting(ModelStrength::model)
                .containsExactly("JRSS-B", "Biometrika", "JASA", "Comm Statist");
    }

    @Test
    void tiesCountAsHalfAWinEachWay() {
        // 6 wins for a, 2 for b, 4 ties == win matrix a:8, b:4.
        List<Battle> battles = repeat("a", "b", PairwiseOutcome.A_WINS, 6);
        battles.addAll(repeat("a", "b", PairwiseOutcome.B_WINS, 2));
        battles.addAll(repeat("b", "a", PairwiseOutcome.TIE, 4));
        BradleyTerry bt = new BradleyTerry();
        BradleyTerryFit fromBattles = bt.fit(battles);
        BradleyTerryFit fromMatrix = bt.fit(List.of("a", "b"), new double[][] {{0, 8}, {4, 0}});
        assertThat(fromBattles.strength("a").rating()).isCloseTo(fromMatrix.strength("a").rating(), within(1e-9));
        assertThat(fromBattles.winProbability("a", "b")).isCloseTo(2.0 / 3.0, within(1e-3));
    }

    @Test
    void namedAnchorPinsThatModelAndKeepsGaps() {
        double[][] wins = {{0, 7, 9}, {3, 0, 6}, {1, 4, 0}};
        List<String> models = List.of("x", "y", "z");
        BradleyTerryFit mean = new BradleyTerry().fit(models, wins);
        BradleyTerryFit anchored = new BradleyTerry(BradleyTerry.DEFAULT_L2_PENALTY, RatingScale.anchoredAt("z", 800))
                .fit(models, wins);
        assertThat(anchored.strength("z").rating()).isEqualTo(800.0);
        assertThat(anchored.strength("x").rating() - anchored.strength("y").rating())
                .isCloseTo(mean.strength("x").rating() - mean.strength("y").rating(), within(1e-9));
        assertThatThrownBy(() -> new BradleyTerry(0.01, RatingScale.anchoredAt("nobody", 1000)).fit(models, wins))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("anchor model 'nobody'");
    }

    @Test
    void priorKeepsUnbeatenAndDisconnectedModelsFinite() {
        List<Battle> battles = repeat("champ", "b", PairwiseOutcome.A_WINS, 10); // never lost
        battles.addAll(repeat("c", "d", PairwiseOutcome.A_WINS, 3));           // separate component
        battles.addAll(repeat("c", "d", PairwiseOutcome.B_WINS, 1));
        BradleyTerryFit fit = new BradleyTerry().fit(battles);
        fit.strengths().forEach(s -> assertThat(s.rating()).as(s.model()).isFinite());
        assertThat(fit.strengths().get(0).model()).isEqualTo("champ");
        assertThat(fit.winProbability("champ", "b")).isGreaterThan(0.95).isLessThan(1.0);
        // Without the prior such data has no finite optimum; that must be a clear error, not arbitrary huge ratings.
        assertThatThrownBy(() -> new BradleyTerry(0, RatingScale.ARENA).fit(List.of(
                new Battle("c", "d", PairwiseOutcome.A_WINS), new Battle("d", "c", PairwiseOutcome.A_WINS),
                new Battle("e", "f", PairwiseOutcome.A_WINS), new Battle("f", "e", PairwiseOutcome.A_WINS))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not strongly connected");
        assertThatThrownBy(() -> new BradleyTerry(0, RatingScale.ARENA).fit(battles))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unbeaten");
    }

    @Test
    void ranksOnlySeparateModelsWhoseIntervalsDoNotOverlap() {
        double[] lower = {1090, 1080, 900, 1085};
        double[] upper = {1110, 1100, 1000, 1095};
        // Model 2 lies below all three others; the first, second and fourth overlap and share rank 1.
        assertThat(BradleyTerry.ranksRespectingIntervals(lower, upper)).containsExactly(1, 1, 4, 1);
        assertThat(BradleyTerry.ranksRespectingIntervals(new double[] {5, 7, 7}, new double[] {5, 7, 7}))
                .containsExactly(3, 1, 1);
    }

    @Test
    void rejectsEmptyOrMalformedInput() {
        BradleyTerry bt = new BradleyTerry();
        assertThatThrownBy(() -> bt.fit(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no battles");
        assertThatThrownBy(() -> bt.fit(List.of("a", "b"), new double[][] {{0, 1}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 rows but there are 2 models");
        assertThatThrownBy(() -> new Battle("a", "a", PairwiseOutcome.TIE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two different models");
        assertThatThrownBy(() -> bt.fitWithBootstrap(List.of(new Battle("a", "b", PairwiseOutcome.TIE)), 1, 0.95, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2 rounds");
    }
}
