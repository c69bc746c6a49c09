package io.rlhf4j.train.rl.ppo;

import io.rlhf4j.train.rl.RlRunConfig;
import io.rlhf4j.train.rl.RlTrainerConfig;

/**
 * PPO as in InstructGPT / TRL's PPOTrainer: the run settings plus the PPO knobs.
 * {@link #defaults()} is the one place the defaults live.
 *
 * @param clipRange       ε of the clipped policy ratio (TRL cliprange 0.2)
 * @param clipRangeValue  ε of the clipped value update (TRL cliprange_value 0.2)
 * @param vfCoef          weight of the value loss in the one backward pass (TRL vf_coef 0.1)
 * @param gamma           discount (1: the score comes once, at the end)
 * @param lambda          GAE λ (TRL lam 0.95)
 * @param whitenRewards   rescale per-token rewards to unit variance before GAE
 * @param whitenAdvantages normalise advantages to zero mean, unit variance
 * @param ptxCoef         PPO-ptx (InstructGPT's γ): weight of the SFT loss (mean per-token negative
 *                        log-likelihood of demonstration responses) added to every minibatch's
 *                        policy loss, so the policy keeps what SFT taught it; 0: plain PPO. Needs
 *                        demonstrations ({@link PpoTrainer#withPtxDemonstrations})
 * @param ptxBatchSize    demonstrations per minibatch for the ptx term
 */
public record PpoConfig(RlRunConfig run, double clipRange, double clipRangeValue, double vfCoef, double gamma,
                        double lambda, boolean whitenRewards, boolean whitenAdvantages, double ptxCoef, int ptxBatchSize)
        implements RlTrainerConfig {
    public PpoConfig {
        if (run == null) throw new IllegalArgumentException("run is required");
        if (!(clipRange > 0)) throw new IllegalArgumentException("clipRange must be > 0");
        if (!(clipRangeValue > 0)) throw new IllegalArgumentException("clipRangeValue must be > 0");
        if (vfCoef < 0) throw new IllegalArgumentException("vfCoef must be >= 0");
        if (gamma < 0 || gamma > 1 || lambda < 0 || lambda > 1) throw new IllegalArgumentException("gamma and lambda must be in [0, 1]");
        if (!(ptxCoef >= 0)) throw new IllegalArgumentException("ptxCoef must be >= 0, got " + ptxCoef);
        if (ptxBatchSize < 1) throw new IllegalArgumentException("ptxBatchSize must be >= 1, got " + ptxBatchSize);
    }

    /** TRL's PPO defaults over {@link RlRunConfig#defaults()}; no ptx. */
    public static PpoConfig defaults() {
        return new PpoConfig(RlRunConfig.defaults(), 0.2, 0.2, 0.1, 1.0, 0.95, false, true, 0.0, 8);
    }

    public static Builder builder() { return defaults().toBuilder(); }

    public Builder toBuilder() { return new Builder(this); }

    public static final class Builder {
        private RlRunConfig run;
        private double clipRange, clipRangeValue, vfCoef, gamma, lambda, ptxCoef;
        private boolean whitenRewards, whitenAdvantages;
        private int ptxBatchSize;

        private Builder(PpoConfig c) {
            run = c.run;
            clipRange = c.clipRange;
            clipRangeValue = c.clipRangeValue;
            vfCoef = c.vfCoef;
            gamma = c.gamma;
            lambda = c.lambda;
            whitenRewards = c.whitenRewards;
            whitenAdvantages = c.whitenAdvantages;
            ptxCoef = c.ptxCoef;
            ptxBatchSize = c.ptxBatchSize;
        }

        public Builder run(RlRunConfig v) { run = v; return this; }

        public Builder clipRange(double v) { clipRange = v; return this; }

        public Builder clipRangeValue(double v) { clipRangeValue = v; return this; }

        public Builder vfCoef(double v) { vfCoef = v; return this; }

        public Builder gamma(double v) { gamma = v; return this; }

        public Builder lambda(double v) { lambda = v; return this; }

        public Builder whitenRewards(boolean v) { whitenRewards = v; return this; }

        public Builder whitenAdvantages(boolean v) { whitenAdvantages = v; return this; }

        public Builder ptxCoef(double v) { ptxCoef = v; return this; }

        public Builder ptxBatchSize(int v) { ptxBatchSize = v; return this; }

        public PpoConfig build() {
            return new PpoConfig(run, clipRange, clipRangeValue, vfCoef, gamma, lambda, whitenRewards, whitenAdvantages,
                    ptxCoef, ptxBatchSize);
        }
    }
}
