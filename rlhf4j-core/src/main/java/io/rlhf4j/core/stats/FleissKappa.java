package io.rlhf4j.core.stats;

import java.util.Objects;

/**
 * Fleiss' kappa: chance-corrected agreement for a fixed number n of raters per item, where the raters need not be
 * the same people for every item (as in crowd labelling).
 */
public final class FleissKappa {
    private FleissKappa() {
    }

    /**
     * @param counts items × categories; {@code counts[i][j]} = raters who put item i in category j. Every row must
     *               sum to the same number of raters n >= 2.
     * @return kappa, or NaN when all ratings fall in one category (chance agreement is then total)
     */
    public static double kappa(int[][] counts) {
        Objects.requireNonNull(counts, "counts");
        if (counts.length == 0) {
            throw new IllegalArgumentException("no items: Fleiss' kappa needs at least one item");
        }
        int categories = counts[0].length;
        if (categories == 0) {
            throw new IllegalArgumentException("no categories: each item row needs one count per category");
        }
        int raters = -1;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i].length != categories) {
                throw new IllegalArgumentException("item " + i + " has " + counts[i].length
                        + " category counts, expected " + categories);
            }
            int sum = 0;
            for (int c : counts[i]) {
                if (c < 0) {
                    throw new IllegalArgumentException("item " + i + " has a negative count " + c);
                }
                sum += c;
            }
            if (raters < 0) {
                raters = sum;
            } else if (sum != raters) {
                throw new IllegalArgumentException("Fleiss' kappa needs the same number of raters per item: item 0 has "
                        + raters + ", item " + i + " has " + sum + " (use Krippendorff's alpha for varying counts)");
            }
        }
        if (raters < 2) {
            throw new IllegalArgumentException("Fleiss' kappa needs at least 2 raters per item, got " + raters);
        }
        double n = raters;
        double meanItemAgreement = 0;
        double[] categoryShare = new double[categories];
        for (int[] row : counts) {
            double sumSquares = 0;
            for (int j = 0; j < categories; j++) {
                sumSquares += (double) row[j] * row[j];
                categoryShare[j] += row[j];
            }
            // Share of agreeing ordered rater pairs on this item.
            meanItemAgreement += (sumSquares - n) / (n * (n - 1));
        }
        meanItemAgreement /= counts.length;
        double chanceAgreement = 0;
        for (int j = 0; j < categories; j++) {
            double p = categoryShare[j] / (counts.length * n);
            chanceAgreement += p * p;
        }
        if (chanceAgreement >= 1) {
            return Double.NaN;
        }
        return (meanItemAgreement - chanceAgreement) / (1 - chanceAgreement);
    }
}
