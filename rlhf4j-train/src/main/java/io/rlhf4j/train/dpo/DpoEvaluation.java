package io.rlhf4j.train.dpo;

import ai.djl.ndarray.NDManager;

import java.util.List;

/**
 * TRL's DPO metrics on a set of pairs, from the implicit rewards β·(log π - log π_ref).
 *
 * @param rewardAccuracy share of pairs whose chosen implicit reward exceeds the rejected one
 * @param rewardMargin   mean β·h (chosen minus rejected implicit reward)
 * @param chosenReward   mean implicit reward of chosen responses
 * @param rejectedReward mean implicit reward of rejected responses
 * @param loss           mean (unweighted) loss
 */
public record DpoEvaluation(int pairs, double rewardAccuracy, double rewardMargin, double chosenReward,
                            double rejectedReward, double loss) {

    public static DpoEvaluation of(DpoLoss loss, DpoConfig config, List<DpoItem> items, NDManager parent) {
        double beta = config.beta(), correct = 0, margin = 0, chosen = 0, rejected = 0, lossSum = 0;
        int batchSize = config.perDeviceTrainBatchSize();
        for (int from = 0; from < items.size(); from += batchSize) {
            List<DpoItem> batch = items.subList(from, Math.min(items.size(), from + batchSize));
            try (NDManager m = parent.newSubManager()) {
                DpoLoss.Margins h = loss.margins(batch, m);
                float[] c = h.chosenLogRatio().toFloatArray(), r = h.rejectedLogRatio().toFloatArray();
                float[] l = loss.perPairLoss(h.lossGap()).toFloatArray();
                for (int i = 0; i < c.length; i++) {
                    correct += c[i] > r[i] ? 1 : 0;
                    margin += beta * (c[i] - r[i]);
                    chosen += beta * c[i];
                    rejected += beta * r[i];
                    lossSum += l[i];
                }
            }
        }
        int n = items.size();
        return n == 0 ? new DpoEvaluation(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN)
                : new DpoEvaluation(n, correct / n, margin / n, chosen / n, rejected / n, lossSum / n);
    }
}
