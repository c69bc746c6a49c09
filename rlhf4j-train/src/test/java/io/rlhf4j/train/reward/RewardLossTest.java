package io.rlhf4j.train.reward;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.rlhf4j.core.data.Comparison.Outcome;
import io.rlhf4j.model.ScalarHeadModel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RewardLossTest {
    static final int[] PROMPT = {1, 5, 6, 7, 8};

    static double softplus(double x) { return Math.log1p(Math.exp(x)); }

    static float score(ScalarHeadModel model, int[] response, NDManager m) {
        TokenSequences.Batch b = TokenSequences.leftPadded(List.of(TokenSequences.join(PROMPT, response, 32)), 0, m);
        return model.scores(b.ids(), b.mask()).toFloatArray()[0];
    }

    @Test
    void aKWiseRankingIsScoredOnceAndCountsAsOneBatchElement() {
        int[][] ranked = {{3, 6, 9, 2}, {4, 7, 2}, {5, 8, 10, 11, 2}, {12, 2}};
        List<PreferenceExample> ranking = new ArrayList<>();
        for (int i = 0; i < ranked.length; i++) {
            for (int j = i + 1; j < ranked.length; j++) {
                ranking.add(PreferenceExample.preferred("p", PROMPT, ranked[i], ranked[j], "ranking"));
            }
        }
        PreferenceExample single = PreferenceExample.preferred("p", PROMPT, new int[] {9, 9, 2}, new int[] {13, 2}, "single");
        List<PreferenceExample> all = new ArrayList<>(ranking);
        all.add(2, single); // interleaved: grouping must still keep the ranking together
        List<JudgmentGroup> groups = JudgmentGroup.group(all);
        assertThat(groups).extracting(JudgmentGroup::judgmentId).containsExactly("ranking", "single");
        assertThat(groups.get(0).pairs()).hasSize(6);

        try (NDManager m = NDManager.newBaseManager(); ScalarHeadModel model = SyntheticPreferences.newRewardModel(m, 3)) {
            RewardLoss loss = new RewardLoss(model, RewardConfig.builder().maxLength(32).build());
            float actual = loss.loss(groups, m).loss().getFloat();
            assertThat(loss.scoredSequences()).isEqualTo(4 + 2); // not 2 * 7 pairs
            double rankingLoss = 0;
            for (PreferenceExample p : ranking) rankingLoss += softplus(-(score(model, p.chosen(), m) - score(model, p.rejected(), m)));
            double singleLoss = softplus(-(score(model, single.chosen(), m) - score(model, single.rejected(), m)));
            // InstructGPT: each ranking's pairs averaged, then rankings averaged
            assertThat((double) actual).isCloseTo((rankingLoss / 6 + singleLoss) / 2, within(1e-4));
        }
    }

    @Test
    void tiesPullTogetherBothBadAlsoPushesBelowTheThresholdAndMarginsGrowWithStrength() {
        RewardConfig config = RewardConfig.builder().marginPerStrength(0.5).tieWeight(1.0).bothBadWeight(2.0).bothBadThreshold(-1.0).build();
        try (NDManager m = NDManager.newBaseManager(); ScalarHeadModel model = SyntheticPreferences.newRewardModel(m, 3)) {
            RewardLoss loss = new RewardLoss(model, config);
            float[] ra = {1.0f, 1.0f, 0.3f, 0.3f, 0.5f};
            float[] rb = {0.0f, 0.0f, 0.3f, 1.3f, -0.5f};
            // pairs: strength 1, strength 3, tie at d=0, tie at d=-1, both bad
            float[] pref = {1, 1, 0, 0, 0}, margin = {(float) config.margin(1), (float) config.margin(3), 0, 0, 0};
            float[] tie = {0, 0, 1, 1, 1}, bad = {0, 0, 0, 0, 1}, coef = {1, 1, 1, 1, 1};
            RewardLoss.PairScores s = new RewardLoss.PairScores(m.create(ra), m.create(rb), m.create(pref),
                    m.create(margin), m.create(tie), m.create(bad), m.create(coef), 5, 5, m.zeros(new ai.djl.ndarray.types.Shape(5)));
            float[] l = loss.pairLosses(s, m).toFloatArray();
            assertThat((double) l[0]).isCloseTo(softplus(-1.0), within(1e-5));
            assertThat((double) l[1]).isCloseTo(softplus(-(1.0 - 1.0)), within(1e-5)); // margin 0.5*(3-1)
            assertThat((double) l[2]).isCloseTo(Math.log(2), within(1e-5)); // the tie loss's minimum
            assertThat((double) l[3]).isCloseTo(0.5 * softplus(1) + 0.5 * softplus(-1), within(1e-5));
            assertThat(l[3]).isGreaterThan(l[2]);
            double badTerm = 2.0 * 0.5 * (softplus(0.5 + 1) + softplus(-0.5 + 1));
            assertThat((double) l[4]).isCloseTo(0.5 * softplus(-1) + 0.5 * softplus(1) + badTerm, within(1e-5));
        }
    }

    @Test
    void rejectsInconsistentComparisons() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                new PreferenceExample("p", PROMPT, new int[] {3}, new int[] {4}, Outcome.TIE, 2, "j", "a", 1))
                .hasMessageContaining("strength must be 0");
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                new PreferenceExample("p", PROMPT, new int[] {3}, new int[] {4}, Outcome.PREFERRED, 1, "j", "a", -1))
                .hasMessageContaining("weight");
    }

    @Test
    void calibrationErrorIsZeroWhenConfidenceMatchesTheHitRateAndGrowsWithOverconfidence() {
        // margin ln 3 -> p = 0.75: calibrated if 3 of 4 such pairs are ranked right
        double d = Math.log(3);
        assertThat(RewardEvaluation.expectedCalibrationError(new double[] {d, d, d, d}, new double[] {1, 1, 1, 0}))
                .isCloseTo(0.0, within(1e-12));
        // margin 4.6 -> p ~ 0.99 but only half right: error ~ 0.49; sign of d does not matter (confidence is symmetric)
        double big = 4.6, p = 1 / (1 + Math.exp(-big));
        assertThat(RewardEvaluation.expectedCalibrationError(new double[] {big, -big}, new double[] {1, 0}))
                .isCloseTo(p - 0.5, within(1e-12));
        // two bins, weighted by their share: 2 calibrated pairs at 0.75 and 1 pair at 0.99 that is wrong
        assertThat(RewardEvaluation.expectedCalibrationError(new double[] {d, d, big}, new double[] {1, 0.5, 0}))
                .isCloseTo(2.0 / 3 * Math.abs(0.75 - 0.75) + 1.0 / 3 * p, within(1e-12));
        assertThat(RewardEvaluation.expectedCalibrationError(new double[0], new double[0])).isNaN();
    }

    @Test
    void theLengthCovariateEntersTheLogitAndNothingElse() {
        RewardConfig config = RewardConfig.builder().lengthCovariate(true).build();
        try (NDManager m = NDManager.newBaseManager(); ScalarHeadModel model = SyntheticPreferences.newRewardModel(m, 3)) {
            RewardLoss loss = new RewardLoss(model, config);
            loss.lengthCovariate().weight().set(new float[] {2f});
            // a preferred pair with equal rewards, the chosen reply 100 tokens longer: the logit is w * 1
            RewardLoss.PairScores s = new RewardLoss.PairScores(m.create(new float[] {0.4f}), m.create(new float[] {0.4f}),
                    m.create(new float[] {1}), m.create(new float[] {0}), m.create(new float[] {0}), m.create(new float[] {0}),
                    m.create(new float[] {1}), 1, 1, m.create(new float[] {1f}));
            assertThat((double) loss.pairLosses(s, m).toFloatArray()[0]).isCloseTo(softplus(-2.0), within(1e-5));
            assertThat(new RewardLoss(model, RewardConfig.defaults()).lengthCovariate()).isNull();
            assertThat(LengthCovariate.lengthDifference(PreferenceExample.preferred("p", new int[] {1}, new int[250],
                    new int[50], "j"))).isEqualTo(2f);
        }
    }
}
