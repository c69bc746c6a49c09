package io.rlhf4j.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EloRatingsTest {

    @Test
    void equalPlayersExchangeHalfTheKFactor() {
        EloRatings elo = new EloRatings(32, 1500);
        elo.record(new Battle("a", "b", PairwiseOutcome.A_WINS));
        // E = 0.5 for equal ratings, so the winner gains 32 * (1 - 0.5) = 16.
        assertThat(elo.rating("a")).isCloseTo(1516.0, within(1e-9));
        assertThat(elo.rating("b")).isCloseTo(1484.0, within(1e-9));
    }

    @Test
    void underdogWinGainsMoreThanHalfK() {
        EloRatings elo = new EloRatings(32, 1500);
        elo.record(new Battle("a", "b", PairwiseOutcome.A_WINS));
        elo.record(new Battle("a", "b", PairwiseOutcome.B_WINS));
        // By hand: E_b = 1 / (1 + 10^(32/400)) = 1 / (1 + 1.202264) = 0.454078; b gains 32 * 0.545922 = 17.4695.
        assertThat(elo.rating("b")).isCloseTo(1501.4695, within(1e-4));
        assertThat(elo.rating("a")).isCloseTo(1498.5305, within(1e-4));
    }

    @Test
    void tieMovesTheFavouriteDown() {
        EloRatings elo = new EloRatings(20, 1500);
        elo.record(new Battle("strong", "weak", PairwiseOutcome.A_WINS)); // 1510 / 1490
        double expected = elo.expectedScore("strong", "weak");
        elo.record(new Battle("strong", "weak", PairwiseOutcome.TIE));
        assertThat(elo.rating("strong")).isCloseTo(1510 + 20 * (0.5 - expected), within(1e-9));
        assertThat(elo.rating("strong")).isLessThan(1510);
        // Ratings are zero-sum: total points are conserved.
        assertThat(elo.rating("strong") + elo.rating("weak")).isCloseTo(3000, within(1e-9));
    }

    @Test
    void resultDependsOnBattleOrder() {
        Battle aWins = new Battle("a", "b", PairwiseOutcome.A_WINS);
        Battle bWins = new Battle("a", "b", PairwiseOutcome.B_WINS);
        Map<String, Double> aFirst = EloRatings.replay(List.of(aWins, bWins), 32, 1500);
        Map<String, Double> bFirst = EloRatings.replay(List.of(bWins, aWins), 32, 1500);
        // Same battles, opposite order: the last winner ends ahead.
        assertThat(aFirst.get("b")).isGreaterThan(aFirst.get("a"));
        assertThat(bFirst.get("a")).isGreaterThan(bFirst.get("b"));
    }

    @Test
    void rejectsNonPositiveKFactor() {
        assertThatThrownBy(() -> new EloRatings(0, 1500)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kFactor");
    }
}
