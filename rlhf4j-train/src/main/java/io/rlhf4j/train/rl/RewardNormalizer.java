package io.rlhf4j.train.rl;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Reward normalisation and clipping for an RL run: {@code clip((r − mean) / std, ±clip)}, with mean
 * and std measured once, before the first step, on the reference policy's samples (a fixed set of
 * rollouts). Measured on the reference, not on the current policy, so the scale is the same in
 * every round of an iterated run and the KL coefficient β keeps one meaning: "how many reward
 * standard deviations of the reference policy one nat of KL costs". Stored in the run's checkpoint,
 * so a resumed run keeps the same scale.
 *
 * @param samples reference samples the statistics were measured on; 0 for {@link #none}
 * @param clip    bound on the absolute normalised reward; 0: no clipping
 */
public record RewardNormalizer(double mean, double std, int samples, double clip) {
    /** Below this spread the reference's rewards are taken as constant: dividing by it would blow up noise. */
    static final double MIN_STD = 1e-6;

    public RewardNormalizer {
        if (!Double.isFinite(mean) || !(std > 0) || !Double.isFinite(std)) {
            throw new IllegalArgumentException("reward statistics must be finite with std > 0, got mean " + mean + ", std " + std);
        }
        if (!(clip >= 0)) throw new IllegalArgumentException("clip must be >= 0, got " + clip);
    }

    /** Rewards as returned (clipped at ±{@code clip} when it is > 0). */
    public static RewardNormalizer none(double clip) {
        return new RewardNormalizer(0, 1, 0, clip);
    }

    /** Mean and (sample) standard deviation of the reference policy's rewards; a constant reward keeps std 1. */
    public static RewardNormalizer fit(double[] referenceRewards, double clip) {
        int n = referenceRewards.length;
        if (n < 2) throw new IllegalArgumentException("need at least 2 reference rewards to measure a spread, got " + n);
        double mean = 0;
        for (double r : referenceRewards) mean += r;
        mean /= n;
        double var = 0;
        for (double r : referenceRewards) var += (r - mean) * (r - mean);
        double std = Math.sqrt(var / (n - 1));
        if (!Double.isFinite(mean) || !Double.isFinite(std)) {
            throw new IllegalArgumentException("the reward function returned non-finite rewards on the reference samples");
        }
        return new RewardNormalizer(mean, std < MIN_STD ? 1 : std, n, clip);
    }

    @JsonProperty("normalized")
    public boolean normalizes() { return samples > 0; }

    public double apply(double raw) {
        double r = (raw - mean) / std;
        return clip > 0 ? Math.max(-clip, Math.min(clip, r)) : r;
    }

    public double[] apply(double[] raw) {
        double[] out = new double[raw.length];
        for (int i = 0; i < raw.length; i++) out[i] = apply(raw[i]);
        return out;
    }
}
