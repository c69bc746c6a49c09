package io.rlhf4j.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Agreement statistics checked against published worked examples, to 3 decimals (4 where the source gives 4). */
class AgreementPublishedExamplesTest {

    /** Repeats {@code label} {@code times} times onto {@code list}. */
    private static <T> void add(List<T> list, T label, int times) {
        list.addAll(Collections.nCopies(times, label));
    }

    /** Wikipedia "Cohen's kappa": 50 proposals; both yes 20, A yes/B no 5, A no/B yes 10, both no 15. */
    private static List<List<String>> wikipediaGrantProposals() {
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        add(a, "yes", 20); add(b, "yes", 20);
        add(a, "yes", 5);  add(b, "no", 5);
        add(a, "no", 10);  add(b, "yes", 10);
        add(a, "no", 15);  add(b, "no", 15);
        return List.of(a, b);
    }

    @Test
    void cohensKappaMatchesWikipediaYesNoExample() {
        List<List<String>> raters = wikipediaGrantProposals();
        // p_o = 0.7, p_e = 0.5 -> kappa 0.4
        assertThat(PercentAgreement.twoRaters(raters.get(0), raters.get(1))).isCloseTo(0.700, within(5e-4));
        assertThat(CohensKappa.kappa(raters.get(0), raters.get(1))).isCloseTo(0.400, within(5e-4));
        assertThat(CohensKappa.kappa(raters.get(1), raters.get(0))).isCloseTo(0.400, within(5e-4));
    }

    @Test
    void cohensKappaMatchesScikitLearnBinaryExample() {
        // scikit-learn test_cohen_kappa: 40 zeros + 60 ones vs 20/20/10/50 -> 0.348
        List<Integer> a = new ArrayList<>();
        List<Integer> b = new ArrayList<>();
        add(a, 0, 40); add(a, 1, 60);
        add(b, 0, 20); add(b, 1, 20); add(b, 0, 10); add(b, 1, 50);
        assertThat(CohensKappa.kappa(a, b)).isCloseTo(0.348, within(5e-4));
    }

    @Test
    void weightedKappaMatchesScikitLearnOrdinalExample() {
        // scikit-learn test_cohen_kappa: 46/44/10 vs 50/40/10 over ordered classes 0,1,2:
        // unweighted 0.9315, linear 0.9412, quadratic 0.9541.
        List<Integer> a = new ArrayList<>();
        List<Integer> b = new ArrayList<>();
        add(a, 0, 46); add(a, 1, 44); add(a, 2, 10);
        add(b, 0, 50); add(b, 1, 40); add(b, 2, 10);
        List<Integer> scale = List.of(0, 1, 2);
        assertThat(CohensKappa.weighted(a, b, scale, KappaWeighting.NONE)).isCloseTo(0.9315, within(5e-5));
        assertThat(CohensKappa.weighted(a, b, scale, KappaWeighting.LINEAR)).isCloseTo(0.9412, within(5e-5));
        assertThat(CohensKappa.weighted(a, b, scale, KappaWeighting.QUADRATIC)).isCloseTo(0.9541, within(5e-5));
        // Second scikit-learn case, 46/44/10 vs 52/32/16 unweighted -> 0.8013.
        List<Integer> c = new ArrayList<>();
        add(c, 0, 52); add(c, 1, 32); add(c, 2, 16);
        assertThat(CohensKappa.kappa(a, c)).isCloseTo(0.8013, within(5e-5));
    }

    @Test
    void cohensKappaRejectsRatersOfDifferentLength() {
        assertThatThrownBy(() -> CohensKappa.kappa(List.of(1, 2), List.of(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same items");
        assertThatThrownBy(() -> CohensKappa.weighted(List.of(1), List.of(3), List.of(1, 2), KappaWeighting.LINEAR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not among the categories");
    }

    /** Wikipedia "Fleiss' kappa" worked example: 10 items, 14 raters, 5 categories. */
    private static final int[][] WIKIPEDIA_FLEISS = {
            {0, 0, 0, 0, 14},
            {0, 2, 6, 4, 2},
            {0, 0, 3, 5, 6},
            {0, 3, 9, 2, 0},
            {2, 2, 8, 1, 1},
            {7, 7, 0, 0, 0},
            {3, 2, 6, 3, 0},
            {2, 5, 3, 2, 2},
            {6, 5, 2, 1, 0},
            {0, 2, 2, 3, 7}};

    @Test
    void fleissKappaMatchesWikipediaExample() {
        assertThat(FleissKappa.kappa(WIKIPEDIA_FLEISS)).isCloseTo(0.210, within(5e-4));
    }

    @Test
    void fleissKappaRejectsVaryingRaterCounts() {
        int[][] uneven = {{1, 2}, {2, 2}};
        assertThatThrownBy(() -> FleissKappa.kappa(uneven)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("same number of raters").hasMessageContaining("item 1 has 4");
        assertThatThrownBy(() -> FleissKappa.kappa(new int[0][])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no items");
    }

    /**
     * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": 4 observers × 12 units with missing
     * values; published alpha: nominal 0.743, ordinal 0.815, interval 0.849.
     */
    private static final Double[][] KRIPPENDORFF_2011 = {
            {1d, 2d, 3d, 3d, 2d, 1d, 4d, 1d, 2d, null, null, null},
            {1d, 2d, 3d, 3d, 2d, 2d, 4d, 1d, 2d, 5d, null, 3d},
            {null, 3d, 3d, 3d, 2d, 3d, 4d, 2d, 2d, 5d, 1d, null},
            {1d, 2d, 3d, 3d, 2d, 4d, 4d, 1d, 2d, 5d, 1d, null}};

    @Test
    void krippendorffAlphaMatchesPublishedExampleAtAllLevels() {
        assertThat(KrippendorffAlpha.alpha(KRIPPENDORFF_2011, KrippendorffAlpha.Level.NOMINAL))
                .isCloseTo(0.743, within(5e-4));
        assertThat(KrippendorffAlpha.alpha(KRIPPENDORFF_2011, KrippendorffAlpha.Level.ORDINAL))
                .isCloseTo(0.815, within(5e-4));
        assertThat(KrippendorffAlpha.alpha(KRIPPENDORFF_2011, KrippendorffAlpha.Level.INTERVAL))
                .isCloseTo(0.849, within(5e-4));
    }

    @Test
    void nominalAlphaAcceptsArbitraryLabels() {
        // The 2011 example recoded as strings must give the same nominal 0.743.
        Object[][] labels = new Object[KRIPPENDORFF_2011.length][];
        for (int r = 0; r < labels.length; r++) {
            labels[r] = java.util.Arrays.stream(KRIPPENDORFF_2011[r])
                    .map(v -> v == null ? null : "label-" + v.intValue()).toArray();
        }
        assertThat(KrippendorffAlpha.nominal(labels)).isCloseTo(0.743, within(5e-4));
    }

    @Test
    void krippendorffAlphaMatchesWikipediaComputationalExample() {
        // Wikipedia "Krippendorff's alpha", 3 coders × 15 units: nominal 0.691, interval 0.811.
        Double n = null;
        Double[][] data = {
                {n, n, n, n, n, 3d, 4d, 1d, 2d, 1d, 1d, 3d, 3d, n, 3d},
                {1d, n, 2d, 1d, 3d, 3d, 4d, 3d, n, n, n, n, n, n, n},
                {n, n, 2d, 1d, 3d, 4d, 4d, n, 2d, 1d, 1d, 3d, 3d, n, 4d}};
        assertThat(KrippendorffAlpha.alpha(data, KrippendorffAlpha.Level.NOMINAL)).isCloseTo(0.691, within(5e-4));
        assertThat(KrippendorffAlpha.alpha(data, KrippendorffAlpha.Level.INTERVAL)).isCloseTo(0.811, within(5e-4));
    }

    @Test
    void krippendorffAlphaIsOneForPerfectAgreementAndRejectsUnpairableData() {
        Double[][] perfect = {{1d, 2d, 3d, null}, {1d, 2d, 3d, 2d}};
        assertThat(KrippendorffAlpha.alpha(perfect, KrippendorffAlpha.Level.ORDINAL)).isEqualTo(1.0);
        Double[][] unpairable = {{1d, null}, {null, 2d}};
        assertThatThrownBy(() -> KrippendorffAlpha.alpha(unpairable, KrippendorffAlpha.Level.NOMINAL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two or more raters");
    }

    @Test
    void pairwisePercentAgreementCountsOnlyRatedPairs() {
        // Unit 0: 3 raters, pairs (a,a) agree, (a,b) x2 disagree; unit 1: one pair that agrees; unit 2 unpairable.
        Object[][] ratings = {{"a", "x", "q"}, {"a", "x", null}, {"b", null, null}};
        assertThat(PercentAgreement.pairwise(ratings)).isCloseTo(2.0 / 4.0, within(1e-12));
    }
}
