package io.rlhf4j.core.stats;

/** Disagreement weights for Cohen's kappa; categories are at positions 0..K-1 of an ordered list. */
public enum KappaWeighting {
    /** Every disagreement counts fully: plain Cohen's kappa. */
    NONE,
    /** Disagreement weight |i - j|: near misses on an ordinal scale cost less. */
    LINEAR,
    /** Disagreement weight (i - j)²: close to an intraclass correlation for ordinal scales. */
    QUADRATIC;

    double disagreement(int i, int j) {
        return switch (this) {
            case NONE -> i == j ? 0 : 1;
            case LINEAR -> Math.abs(i - j);
            case QUADRATIC -> (double) (i - j) * (i - j);
        };
    }
}
