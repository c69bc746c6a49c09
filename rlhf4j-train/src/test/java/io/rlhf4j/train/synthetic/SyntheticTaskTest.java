package io.rlhf4j.train.synthetic;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SyntheticTaskTest {
    @Test
    void onThemeResponsesOfIdealLengthScoreBest() {
        int[] prompt = {SyntheticTask.BOS, 6, 4, 5, 7}; // theme 6 % 3 = 0: tokens 3, 6, 9, ...
        int[] onTheme = {3, 6, 9, 12, 15, 18, SyntheticTask.EOS};
        int[] offTheme = {4, 7, 10, 13, 16, 19, SyntheticTask.EOS};
        int[] onThemeTooLong = {3, 6, 9, 12, 15, 18, 21, 3, 6, 9, SyntheticTask.EOS};
        assertThat(SyntheticTask.trueReward(prompt, onTheme)).isEqualTo(1.0);
        assertThat(SyntheticTask.trueReward(prompt, offTheme)).isEqualTo(0.0);
        assertThat(SyntheticTask.trueReward(prompt, onThemeTooLong)).isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void noiselessPairsAlwaysPreferTheHigherTrueReward() {
        List<SyntheticTask.Pair> pairs = SyntheticTask.preferencePairs(500, 7, 0);
        assertThat(pairs).hasSize(500).allSatisfy(p ->
                assertThat(SyntheticTask.trueReward(p.prompt(), p.chosen()))
                        .isGreaterThan(SyntheticTask.trueReward(p.prompt(), p.rejected())));
    }

    @Test
    void noisyPairsSometimesPreferTheWorseResponse() {
        long flipped = SyntheticTask.preferencePairs(2000, 7, 0.2).stream()
                .filter(p -> SyntheticTask.trueReward(p.prompt(), p.chosen()) < SyntheticTask.trueReward(p.prompt(), p.rejected()))
                .count();
        assertThat(flipped).isBetween(100L, 800L);
    }

    @Test
    void tokenizerRoundTripsContentTokens() {
        var tok = new SyntheticTokenizer();
        int[] ids = {3, 10, 23};
        assertThat(tok.decode(ids)).isEqualTo("t3 t10 t23");
        assertThat(tok.encode("t3 t10 t23")).containsExactly(ids);
    }
}
