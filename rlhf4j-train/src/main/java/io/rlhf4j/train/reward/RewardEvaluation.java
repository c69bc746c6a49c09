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
        double[] binCount = new double[ECE_BINS], binCorrect = new double[ECE_BINS], binConf = new double[ECE_BINS];
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
                        double prob = 1 / (1 + Math.exp(-d));
                        double confidence = Math.max(prob, 1 - prob);
                        int bin = Math.min(ECE_BINS - 1, (int) ((confidence - 0.5) * 2 * ECE_BINS));
                        binCount[bin]++;
                        binCorrect[bin] += hit;
                        binConf[bin] += confidence;
                    } else {
                        tiePairs++;
                        tieGap += Math.abs(d);
                    }
                    p++;
                    pairs++;
                }
            }
        }
        double ece = 0;
        for (int i = 0; i < ECE_BINS; i++) {
            if (binCount[i] > 0) ece += binCount[i] / preferred * Math.abs(binCorrect[i] / binCount[i] - binConf[i] / binCount[i]);
        }
        return new RewardEvaluation(pairs, preferred, preferred == 0 ? Double.NaN : correct / preferred,
                coefSum == 0 ? Double.NaN : lossSum / coefSum, preferred == 0 ? Double.NaN : ece,
                preferred == 0 ? Double.NaN : marginSum / preferred, tiePairs == 0 ? Double.NaN : tieGap / tiePairs);
    }
}
