package io.rlhf4j.train.rl;

/**
 * Advantage estimators on ragged per-token rows (row i has one entry per response token of sample
 * i). Pure JVM arithmetic: a rollout is a few thousand numbers, far cheaper than tensor ops.
 */
public final class Advantages {
    private Advantages() {}

    /** Advantages and the value targets (returns = advantages + values) of GAE. */
    public record Gae(float[][] advantages, float[][] returns) {}

    /**
     * Generalised advantage estimation (Schulman et al. 2016) per row, backwards from the last
     * token, with the value after the last token taken as 0 (the episode ends there):
     * δ_t = r_t + γ V_{t+1} − V_t, A_t = δ_t + γλ A_{t+1}.
     */
    public static Gae gae(float[][] rewards, float[][] values, double gamma, double lambda) {
        float[][] adv = new float[rewards.length][];
        float[][] ret = new float[rewards.length][];
        for (int i = 0; i < rewards.length; i++) {
            int len = rewards[i].length;
            adv[i] = new float[len];
            ret[i] = new float[len];
            double last = 0;
            for (int t = len - 1; t >= 0; t--) {
                double next = t + 1 < len ? values[i][t + 1] : 0;
                double delta = rewards[i][t] + gamma * next - values[i][t];
                last = delta + gamma * lambda * last;
                adv[i][t] = (float) last;
                ret[i][t] = (float) (last + values[i][t]);
            }
        }
        return new Gae(adv, ret);
    }

    /**
     * (x − mean) / std over every entry of every row (TRL's masked_whiten); with
     * {@code shiftMean} false the mean is added back, so only the scale changes (TRL whitens rewards
     * that way: shifting them would turn a constant bonus into a penalty).
     */
    public static float[][] whiten(float[][] rows, boolean shiftMean) {
        double sum = 0, sq = 0;
        long n = 0;
        for (float[] r : rows) for (float x : r) { sum += x; sq += (double) x * x; n++; }
        if (n < 2) return rows;
        double mean = sum / n;
        double var = (sq - n * mean * mean) / (n - 1); // unbiased, as torch.var
        double inv = 1 / Math.sqrt(Math.max(var, 0) + 1e-8);
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = new float[rows[i].length];
            for (int t = 0; t < rows[i].length; t++) {
                double z = (rows[i][t] - mean) * inv;
                out[i][t] = (float) (shiftMean ? z : z + mean);
            }
        }
        return out;
    }

    /**
     * GRPO's group-relative advantage (Shao et al. 2024): (r − mean_g) / (std_g + ε) within each
     * group of {@code groupSize} consecutive samples; with {@code scaleByStd} false only the mean is
     * removed (Dr. GRPO: dividing by a small std overweights near-unanimous groups).
     */
    public static double[] groupNormalized(double[] rewards, int groupSize, boolean scaleByStd) {
        double[] out = new double[rewards.length];
        for (int g = 0; g < rewards.length; g += groupSize) {
            double mean = 0;
            for (int i = g; i < g + groupSize; i++) mean += rewards[i];
            mean /= groupSize;
            double var = 0;
            for (int i = g; i < g + groupSize; i++) var += (rewards[i] - mean) * (rewards[i] - mean);
            double std = groupSize > 1 ? Math.sqrt(var / (groupSize - 1)) : 0; // unbiased, as torch.std
            for (int i = g; i < g + groupSize; i++) {
                out[i] = scaleByStd ? (rewards[i] - mean) / (std + 1e-4) : rewards[i] - mean;
            }
        }
        return out;
    }

    /**
     * RLOO's leave-one-out baseline (Ahmadian et al. 2024): r_i − mean of the other k−1 rewards of
     * its group, an unbiased baseline because it does not depend on sample i.
     */
    public static double[] leaveOneOut(double[] rewards, int groupSize) {
        if (groupSize < 2) throw new IllegalArgumentException("RLOO needs at least 2 samples per prompt");
        double[] out = new double[rewards.length];
        for (int g = 0; g < rewards.length; g += groupSize) {
            double sum = 0;
            for (int i = g; i < g + groupSize; i++) sum += rewards[i];
            for (int i = g; i < g + groupSize; i++) out[i] = rewards[i] - (sum - rewards[i]) / (groupSize - 1);
        }
        return out;
    }

    /** 1 − Var(returns − values) / Var(returns) over all tokens: how much of the return the critic predicts. */
    public static double explainedVariance(float[][] values, float[][] returns) {
        double sr = 0, sr2 = 0, sd = 0, sd2 = 0;
        long n = 0;
        for (int i = 0; i < values.length; i++) {
            for (int t = 0; t < values[i].length; t++) {
                double r = returns[i][t], d = r - values[i][t];
                sr += r; sr2 += r * r; sd += d; sd2 += d * d; n++;
            }
        }
        if (n < 2) return Double.NaN;
        double varR = sr2 / n - (sr / n) * (sr / n);
        double varD = sd2 / n - (sd / n) * (sd / n);
        return varR <= 0 ? Double.NaN : 1 - varD / varR;
    }
}
