package io.rlhf4j.core.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dawid-Skene (1979) EM: jointly estimates each annotator's confusion matrix and each item's true-label posterior
 * from noisy labels without gold answers. Items may have any number of annotators.
 *
 * <p>Initialised from the soft majority vote (each item's vote shares), which starts EM in the basin where the
 * majority is mostly right and so fixes the label permutation. Additive (Dirichlet) smoothing of every count keeps
 * probabilities above zero, so one unusual label cannot make an item's likelihood exactly 0 and the logs finite.
 */
public final class DawidSkene {
    private final int numClasses;
    private final double smoothing;
    private final double tolerance;
    private final int maxIterations;

    /**
     * @param numClasses    K, labels are 0..K-1
     * @param smoothing     pseudo-count added to every confusion cell and class-prior count (e.g. 0.01)
     * @param tolerance     stop when no item posterior moves more than this in one iteration (e.g. 1e-6)
     * @param maxIterations upper bound on EM iterations (e.g. 100)
     */
    public DawidSkene(int numClasses, double smoothing, double tolerance, int maxIterations) {
        if (numClasses < 2) {
            throw new IllegalArgumentException("need at least 2 classes, got " + numClasses);
        }
        if (!(smoothing > 0) || !Double.isFinite(smoothing)) {
            throw new IllegalArgumentException("smoothing must be positive and finite, got " + smoothing);
        }
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("tolerance must be positive, got " + tolerance);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
        }
        this.numClasses = numClasses;
        this.smoothing = smoothing;
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
    }

    /** Defaults: smoothing 0.01, tolerance 1e-6, 200 iterations. */
    public static DawidSkeneResult estimate(List<Annotation> annotations, int numClasses) {
        return new DawidSkene(numClasses, 0.01, 1e-6, 200).estimate(annotations);
    }

    public DawidSkeneResult estimate(List<Annotation> annotations) {
        Map<String, int[]> votes = MajorityVote.votes(annotations, numClasses);
        List<String> items = new ArrayList<>(votes.keySet());
        Map<String, Integer> itemIndex = indexOf(items);
        Map<String, Integer> annotatorIndex = new LinkedHashMap<>();
        for (Annotation a : annotations) {
            annotatorIndex.putIfAbsent(a.annotator(), annotatorIndex.size());
        }
        int[] itemOf = new int[annotations.size()];
        int[] annotatorOf = new int[annotations.size()];
        int[] labelOf = new int[annotations.size()];
        for (int a = 0; a < annotations.size(); a++) {
            itemOf[a] = itemIndex.get(annotations.get(a).item());
            annotatorOf[a] = annotatorIndex.get(annotations.get(a).annotator());
            labelOf[a] = annotations.get(a).label();
        }
        int k = numClasses;
        double[][] posterior = new double[items.size()][];
        for (int i = 0; i < items.size(); i++) {
            int[] counts = votes.get(items.get(i));
            int total = 0;
            for (int c : counts) {
                total += c;
            }
            posterior[i] = new double[k];
            for (int c = 0; c < k; c++) {
                posterior[i][c] = (double) counts[c] / total;
            }
        }
        double[] prior = new double[k];
        double[][][] confusion = new double[annotatorIndex.size()][k][k];
        double logLikelihood = Double.NaN;
        boolean converged = false;
        int iteration = 0;
        while (iteration < maxIterations && !converged) {
            iteration++;
            maximise(posterior, itemOf, annotatorOf, labelOf, prior, confusion);
            double[][] logScores = new double[items.size()][k];
            for (int i = 0; i < items.size(); i++) {
                for (int c = 0; c < k; c++) {
                    logScores[i][c] = Math.log(prior[c]);
                }
            }
            for (int a = 0; a < itemOf.length; a++) {
                for (int c = 0; c < k; c++) {
                    logScores[itemOf[a]][c] += Math.log(confusion[annotatorOf[a]][c][labelOf[a]]);
                }
            }
            logLikelihood = 0;
            double largestChange = 0;
            for (int i = 0; i < items.size(); i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (double s : logScores[i]) {
                    max = Math.max(max, s);
                }
                double sum = 0;
                for (int c = 0; c < k; c++) {
                    sum += Math.exp(logScores[i][c] - max);
                }
                logLikelihood += max + Math.log(sum);
                for (int c = 0; c < k; c++) {
                    double updated = Math.exp(logScores[i][c] - max) / sum;
                    largestChange = Math.max(largestChange, Math.abs(updated - posterior[i][c]));
                    posterior[i][c] = updated;
                }
            }
            converged = largestChange < tolerance;
        }
        return result(items, new ArrayList<>(annotatorIndex.keySet()), prior, confusion, posterior, iteration,
                converged, logLikelihood);
    }

    /** M-step: class prior and confusion matrices from the current soft labels, with additive smoothing. */
    private void maximise(double[][] posterior, int[] itemOf, int[] annotatorOf, int[] labelOf, double[] prior,
                          double[][][] confusion) {
        int k = numClasses;
        for (int c = 0; c < k; c++) {
            double mass = smoothing;
            for (double[] p : posterior) {
                mass += p[c];
            }
            prior[c] = mass / (posterior.length + k * smoothing);
        }
        for (double[][] matrix : confusion) {
            for (double[] row : matrix) {
                java.util.Arrays.fill(row, smoothing);
            }
        }
        for (int a = 0; a < itemOf.length; a++) {
            for (int c = 0; c < k; c++) {
                confusion[annotatorOf[a]][c][labelOf[a]] += posterior[itemOf[a]][c];
            }
        }
        for (double[][] matrix : confusion) {
            for (double[] row : matrix) {
                double rowTotal = 0;
                for (double cell : row) {
                    rowTotal += cell;
                }
                for (int l = 0; l < k; l++) {
                    row[l] /= rowTotal;
                }
            }
        }
    }

    private DawidSkeneResult result(List<String> items, List<String> annotators, double[] prior,
                                    double[][][] confusion, double[][] posterior, int iterations, boolean converged,
                                    double logLikelihood) {
        Map<String, double[][]> confusionByAnnotator = new LinkedHashMap<>();
        Map<String, Double> reliability = new LinkedHashMap<>();
        for (int j = 0; j < annotators.size(); j++) {
            double accuracy = 0;
            for (int c = 0; c < numClasses; c++) {
                accuracy += prior[c] * confusion[j][c][c];
            }
            confusionByAnnotator.put(annotators.get(j), confusion[j]);
            reliability.put(annotators.get(j), accuracy);
        }
        Map<String, double[]> posteriors = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            posteriors.put(items.get(i), posterior[i]);
        }
        return new DawidSkeneResult(prior, confusionByAnnotator, posteriors, reliability, iterations, converged,
                logLikelihood);
    }

    private static Map<String, Integer> indexOf(List<String> ids) {
        Map<String, Integer> index = new LinkedHashMap<>();
        for (String id : ids) {
            index.put(id, index.size());
        }
        return index;
    }
}
