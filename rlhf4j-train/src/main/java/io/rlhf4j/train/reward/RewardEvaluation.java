package io.rlhf4j.train.reward;

import ai.djl.ndarray.NDManager;
import io.rlhf4j.core.data.Comparison.Outcome;

import java.util.List;

/**
 * Held-out quality of a reward model.
 *
 * @param accuracy       share of PREFERRED pairs with r_chosen > r_rejected (ties in score count half)
 * @param loss           the training loss (same weights) on the held-out pairs
 * @param ece            expected calibration error of p = σ(r_c - r_r) over 10 equal-width bins of
 *                       confidence max(p, 1-p): Σ_bins |bin|/n · |accuracy(bin) - confidence(bin)|
 * @param meanMargin     mean r_chosen - r_rejected over PREFERRED pairs
 * @param meanTieGap     mean |r_a - r_b| over TIE and BOTH_BAD pairs (NaN if none)
 */
public record RewardEvaluation(int pairs, int preferredPairs, double accuracy, double loss, double ece,
                               double meanMargin, double meanTieGap) {

    static final int ECE_BINS = 10;

    /** Scores {@code groups} in batches of {@code batchSize} judgments without gradients. */
    public static RewardEvaluation of(RewardLoss loss, List<JudgmentGroup> groups, int batchSize, NDManager parent) {
        int pairs = 0, preferred = 0, tiePairs = 0;
        double correct = 0, lossSum = 0, coefSum = 0, marginSum = 0, tieGap = 0;
        List<Double> margins = new java.util.ArrayList<>(), hits = new java.util.ArrayList<>();
        for (int from = 0; from < groups.size(); from += batchSize) {
            List<JudgmentGroup> batch = groups.subList(from, Math.min(groups.size(), from + batchSize));
            try (NDManager m = parent.newSubManager()) {
                RewardLoss.PairScores s = loss.score(batch, m);
                float[] ra = s.ra().toFloatArray(), rb = s.rb().toFloatArray();
                float[] perPair = loss.pairLosses(s, m).toFloatArray(), coef = s.coefficients().toFloatArray();
                int p = 0;
                for (PreferenceExample e : JudgmentGroup.flatten(batch)) {
                    double d = ra[p] - rb[p];
                    lossSum += perPair[p] * coef[p];
                    coefSum += coef[p];
                    if (e.outcome() == Outcome.PREFERRED) {
                        preferred++;
                        double hit = d > 0 ? 1 : d == 0 ? 0.5 : 0;
                        correct += hit;
                        marginSum += d;
                        margins.add(d);
                        hits.add(hit);
                    } else {
                        tiePairs++;
                        tieGap += Math.abs(d);
                    }
                    p++;
                    pairs++;
                }
            }
        }
        double ece = expectedCalibrationError(margins.stream().mapToDouble(Double::doubleValue).toArray(),
                hits.stream().mapToDouble(Double::doubleValue).toArray());
        return new RewardEvaluation(pairs, preferred, preferred == 0 ? Double.NaN : correct / preferred,
                coefSum == 0 ? Double.NaN : lossSum / coefSum, preferred == 0 ? Double.NaN : ece,
                preferred == 0 ? Double.NaN : marginSum / preferred, tiePairs == 0 ? Double.NaN : tieGap / tiePairs);
    }

    /**
     * ECE of the Bradley-Terry probabilities p = σ(d) for margins {@code d = r_chosen - r_rejected}:
     * predictions binned by confidence max(p, 1-p) into {@value #ECE_BINS} equal-width bins over
     * [0.5, 1]; Σ_bins |bin|/n · |hit rate(bin) - mean confidence(bin)|. {@code hits[i]} is 1 when the
     * model ranked pair i right, 0 when wrong (0.5 for an exact tie in score). NaN for no pairs.
     */
    static double expectedCalibrationError(double[] d, double[] hits) {
        if (d.length == 0) return Double.NaN;
        double[] count = new double[ECE_BINS], correct = new double[ECE_BINS], conf = new double[ECE_BINS];
        for (int i = 0; i < d.length; i++) {
            double p = 1 / (1 + Math.exp(-d[i]));
            double confidence = Math.max(p, 1 - p);
            int bin = Math.min(ECE_BINS - 1, (int) ((confidence - 0.5) * 2 * ECE_BINS));
            count[bin]++;
            correct[bin] += hits[i];
            conf[bin] += confidence;
        }
        double ece = 0;
        for (int b = 0; b < ECE_BINS; b++) {
            if (count[b] > 0) ece += count[b] / d.length * Math.abs(correct[b] / count[b] - conf[b] / count[b]);
        }
        return ece;
    }
}
