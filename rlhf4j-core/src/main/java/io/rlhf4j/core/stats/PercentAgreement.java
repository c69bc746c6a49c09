package io.rlhf4j.core.stats;

import java.util.List;
import java.util.Objects;

/** Raw (chance-uncorrected) agreement: easy to read, but inflated when one label dominates; report with a kappa. */
public final class PercentAgreement {
    private PercentAgreement() {
    }

    /** Fraction of items on which two raters gave the same label. */
    public static <T> double twoRaters(List<T> rater1, List<T> rater2) {
        CohensKappa.validatePairs(rater1, rater2);
        int same = 0;
        for (int i = 0; i < rater1.size(); i++) {
            if (rater1.get(i).equals(rater2.get(i))) {
                same++;
            }
        }
        return (double) same / rater1.size();
    }

    /**
     * Fraction of agreeing rater pairs, pooled over units, for any number of raters with missing values.
     *
     * @param ratings raters × units; null = rater did not label that unit. Units with fewer than two labels add
     *                no pairs.
     */
    public static double pairwise(Object[][] ratings) {
        Objects.requireNonNull(ratings, "ratings");
        if (ratings.length < 2) {
            throw new IllegalArgumentException("pairwise agreement needs at least 2 raters, got " + ratings.length);
        }
        int units = ratings[0].length;
        for (Object[] row : ratings) {
            if (row.length != units) {
                throw new IllegalArgumentException("every rater row must cover the same " + units + " units");
            }
        }
        long pairs = 0;
        long agreeing = 0;
        for (int unit = 0; unit < units; unit++) {
            for (int r1 = 0; r1 < ratings.length; r1++) {
                for (int r2 = r1 + 1; r2 < ratings.length; r2++) {
                    Object a = ratings[r1][unit];
                    Object b = ratings[r2][unit];
                    if (a != null && b != null) {
                        pairs++;
                        if (a.equals(b)) {
                            agreeing++;
                        }
                    }
                }
            }
        }
        if (pairs == 0) {
            throw new IllegalArgumentException("no unit was labelled by two or more raters");
        }
        return (double) agreeing / pairs;
    }
}
