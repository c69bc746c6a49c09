package io.rlhf4j.core.stats;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * Cohen's kappa for two raters who labelled the same items: agreement corrected for the agreement expected if each
 * rater labelled at random with their own marginal frequencies. The weighted form (Cohen 1968) uses
 * {@code 1 - sum(w * observed) / sum(w * expected)} with disagreement weights w, which for {@link KappaWeighting#NONE}
 * reduces to (p_o - p_e) / (1 - p_e).
 */
public final class CohensKappa {
    private CohensKappa() {
    }

    /** Unweighted kappa; labels are compared with {@code equals}. */
    public static <T> double kappa(List<T> rater1, List<T> rater2) {
        validatePairs(rater1, rater2);
        LinkedHashSet<T> categories = new LinkedHashSet<>(rater1);
        categories.addAll(rater2);
        return weighted(rater1, rater2, new ArrayList<>(categories), KappaWeighting.NONE);
    }

    /**
     * Weighted kappa.
     *
     * @param orderedCategories every category, in scale order (the order sets the linear/quadratic distances)
     */
    public static <T> double weighted(List<T> rater1, List<T> rater2, List<T> orderedCategories,
                                      KappaWeighting weighting) {
        validatePairs(rater1, rater2);
        Objects.requireNonNull(orderedCategories, "orderedCategories");
        Objects.requireNonNull(weighting, "weighting");
        if (new LinkedHashSet<>(orderedCategories).size() != orderedCategories.size()) {
            throw new IllegalArgumentException("orderedCategories has duplicates: " + orderedCategories);
        }
        int k = orderedCategories.size();
        double[][] table = new double[k][k];
        for (int item = 0; item < rater1.size(); item++) {
            table[position(orderedCategories, rater1.get(item))][position(orderedCategories, rater2.get(item))]++;
        }
        return fromTable(table, weighting);
    }

    /**
     * Weighted kappa from a K×K contingency table: {@code table[i][j]} = items rater 1 put in category i and
     * rater 2 in category j.
     */
    public static double fromTable(double[][] table, KappaWeighting weighting) {
        int k = table.length;
        if (k == 0) {
            throw new IllegalArgumentException("contingency table is empty");
        }
        double[] rowTotals = new double[k];
        double[] columnTotals = new double[k];
        double total = 0;
        for (int i = 0; i < k; i++) {
            if (table[i].length != k) {
                throw new IllegalArgumentException("contingency table must be square, row " + i + " has "
                        + table[i].length + " cells, expected " + k);
            }
            for (int j = 0; j < k; j++) {
                if (!(table[i][j] >= 0)) {
                    throw new IllegalArgumentException("contingency counts must be >= 0, got " + table[i][j]);
                }
                rowTotals[i] += table[i][j];
                columnTotals[j] += table[i][j];
                total += table[i][j];
            }
        }
        if (total == 0) {
            throw new IllegalArgumentException("contingency table has no items");
        }
        double observedDisagreement = 0;
        double expectedDisagreement = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double w = weighting.disagreement(i, j);
                observedDisagreement += w * table[i][j] / total;
                expectedDisagreement += w * rowTotals[i] * columnTotals[j] / (total * total);
            }
        }
        if (expectedDisagreement == 0) {
            // Both raters used one and the same category throughout: chance agreement is total, kappa undefined.
            return Double.NaN;
        }
        return 1 - observedDisagreement / expectedDisagreement;
    }

    private static <T> int position(List<T> categories, T label) {
        int position = categories.indexOf(label);
        if (position < 0) {
            throw new IllegalArgumentException("label '" + label + "' is not among the categories " + categories);
        }
        return position;
    }

    static <T> void validatePairs(List<T> rater1, List<T> rater2) {
        Objects.requireNonNull(rater1, "rater1");
        Objects.requireNonNull(rater2, "rater2");
        if (rater1.size() != rater2.size()) {
            throw new IllegalArgumentException("both raters must label the same items: rater1 has "
                    + rater1.size() + " labels, rater2 has " + rater2.size());
        }
        if (rater1.isEmpty()) {
            throw new IllegalArgumentException("no items to compare");
        }
        // Loop rather than contains(null): immutable lists throw NullPointerException on contains(null).
        if (rater1.stream().anyMatch(Objects::isNull) || rater2.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("labels must not be null; drop items a rater skipped, or use "
                    + "Krippendorff's alpha, which handles missing values");
        }
    }
}
