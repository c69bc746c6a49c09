package io.rlhf4j.core.stats;

import java.util.Map;

/**
 * Output of {@link DawidSkene}.
 *
 * @param classPrior    estimated prevalence of each true class
 * @param confusion     per annotator, {@code [trueClass][givenLabel]} = P(annotator gives label | true class)
 * @param posteriors    per item, P(true class = k | all labels)
 * @param reliability   per annotator, accuracy = sum_k prior_k · confusion[k][k]: the probability the annotator's
 *                      label is right on a random item; use it as the weight of that annotator's judgments
 * @param iterations    EM iterations run
 * @param converged     whether the posteriors moved less than the tolerance before the iteration limit
 * @param logLikelihood marginal log-likelihood of the labels at the final parameters
 */
public record DawidSkeneResult(double[] classPrior, Map<String, double[][]> confusion,
                               Map<String, double[]> posteriors, Map<String, Double> reliability, int iterations,
                               boolean converged, double logLikelihood) {

    public DawidSkeneResult {
        // Read-only views in first-appearance order; the arrays inside are this result's own and must not be edited.
        confusion = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(confusion));
        posteriors = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(posteriors));
        reliability = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(reliability));
    }

    /** Most probable true class of {@code item}. */
    public int mostLikelyLabel(String item) {
        double[] posterior = posteriors.get(item);
        if (posterior == null) {
            throw new IllegalArgumentException("item '" + item + "' was not annotated");
        }
        int best = 0;
        for (int k = 1; k < posterior.length; k++) {
            if (posterior[k] > posterior[best]) {
                best = k;
            }
        }
        return best;
    }

    /** Reliability weight of {@code annotator} (see {@link #reliability()}). */
    public double reliabilityOf(String annotator) {
        Double weight = reliability.get(annotator);
        if (weight == null) {
            throw new IllegalArgumentException("annotator '" + annotator + "' has no annotations");
        }
        return weight;
    }
}
