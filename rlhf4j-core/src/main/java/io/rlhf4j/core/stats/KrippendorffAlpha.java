package io.rlhf4j.core.stats;

import java.util.Objects;
import java.util.TreeMap;

/**
 * Krippendorff's alpha = 1 - D_o / D_e, computed from the coincidence matrix of pairable values (Krippendorff,
 * "Computing Krippendorff's Alpha-Reliability", 2011). It accepts any number of raters, missing values, and
 * nominal, ordinal or interval data; units with fewer than two values are not pairable and are ignored.
 */
public final class KrippendorffAlpha {

    /** Level of measurement: selects the squared difference function delta²(c, k). */
    public enum Level {
        /** delta² = 0 if equal, else 1. */
        NOMINAL,
        /** delta² = (n_c/2 + sum of n_g strictly between c and k + n_k/2)²: depends only on rank order. */
        ORDINAL,
        /** delta² = (c - k)². */
        INTERVAL
    }

    private KrippendorffAlpha() {
    }

    /**
     * Nominal alpha for labels of any type (e.g. "A", "B", "tie"), compared with {@code equals}.
     *
     * @param reliabilityData raters × units; {@code null} = missing
     */
    public static double nominal(Object[][] reliabilityData) {
        Objects.requireNonNull(reliabilityData, "reliabilityData");
        // Nominal alpha only asks whether two values are equal, so any injective coding into numbers will do.
        java.util.Map<Object, Double> codes = new java.util.HashMap<>();
        Double[][] coded = new Double[reliabilityData.length][];
        for (int r = 0; r < reliabilityData.length; r++) {
            Object[] row = Objects.requireNonNull(reliabilityData[r], "rater row " + r + " is null");
            coded[r] = new Double[row.length];
            for (int u = 0; u < row.length; u++) {
                coded[r][u] = row[u] == null ? null : codes.computeIfAbsent(row[u], k -> (double) codes.size());
            }
        }
        return alpha(coded, Level.NOMINAL);
    }

    /**
     * @param reliabilityData raters × units; {@code null} = that rater gave no value for that unit
     * @param level           how differences between values count
     * @return alpha (1 = perfect agreement, 0 = chance); NaN when only one distinct value occurs (no variation)
     */
    public static double alpha(Double[][] reliabilityData, Level level) {
        Objects.requireNonNull(reliabilityData, "reliabilityData");
        Objects.requireNonNull(level, "level");
        if (reliabilityData.length < 2) {
            throw new IllegalArgumentException("reliability data needs at least 2 raters (rows), got "
                    + reliabilityData.length);
        }
        int units = reliabilityData[0].length;
        for (int r = 0; r < reliabilityData.length; r++) {
            if (reliabilityData[r] == null || reliabilityData[r].length != units) {
                throw new IllegalArgumentException("every rater row must cover the same " + units
                        + " units; row " + r + " does not");
            }
        }
        // Distinct values in ascending order; their positions index the coincidence matrix.
        TreeMap<Double, Integer> valueIndex = new TreeMap<>();
        for (Double[] row : reliabilityData) {
            for (Double v : row) {
                if (v != null) {
                    if (!Double.isFinite(v)) {
                        throw new IllegalArgumentException("values must be finite, got " + v);
                    }
                    valueIndex.put(v, 0);
                }
            }
        }
        double[] values = new double[valueIndex.size()];
        int next = 0;
        for (var entry : valueIndex.entrySet()) {
            values[next] = entry.getKey();
            entry.setValue(next++);
        }
        int v = values.length;
        double[][] coincidences = new double[v][v];
        int[] unitCounts = new int[v];
        for (int u = 0; u < units; u++) {
            java.util.Arrays.fill(unitCounts, 0);
            int pairable = 0;
            for (Double[] row : reliabilityData) {
                if (row[u] != null) {
                    unitCounts[valueIndex.get(row[u])]++;
                    pairable++;
                }
            }
            if (pairable < 2) {
                continue;
            }
            for (int c = 0; c < v; c++) {
                if (unitCounts[c] == 0) {
                    continue;
                }
                for (int k = 0; k < v; k++) {
                    // Ordered pairs of values from different raters, each unit contributing pairable values in all.
                    double pairs = c == k ? unitCounts[c] * (unitCounts[c] - 1.0) : (double) unitCounts[c] * unitCounts[k];
                    coincidences[c][k] += pairs / (pairable - 1);
                }
            }
        }
        double[] marginals = new double[v];
        double n = 0;
        for (int c = 0; c < v; c++) {
            for (int k = 0; k < v; k++) {
                marginals[c] += coincidences[c][k];
            }
            n += marginals[c];
        }
        if (n == 0) {
            throw new IllegalArgumentException("no unit has values from two or more raters; alpha is undefined");
        }
        double observed = 0;
        double expected = 0;
        for (int c = 0; c < v; c++) {
            for (int k = 0; k < v; k++) {
                double delta = squaredDifference(level, c, k, values, marginals);
                observed += coincidences[c][k] * delta;
                expected += marginals[c] * marginals[k] * delta;
            }
        }
        if (expected == 0) {
            return Double.NaN;
        }
        return 1 - (n - 1) * observed / expected;
    }

    private static double squaredDifference(Level level, int c, int k, double[] values, double[] marginals) {
        if (c == k) {
            return 0;
        }
        return switch (level) {
            case NOMINAL -> 1;
            case INTERVAL -> (values[c] - values[k]) * (values[c] - values[k]);
            case ORDINAL -> {
                int low = Math.min(c, k);
                int high = Math.max(c, k);
                double between = 0;
                for (int g = low; g <= high; g++) {
                    between += marginals[g];
                }
                between -= (marginals[low] + marginals[high]) / 2;
                yield between * between;
            }
        };
    }
}
