package io.rlhf4j.train.rl.ppo;

import io.rlhf4j.train.rl.KlConfig;
import io.rlhf4j.train.rl.OptimConfig;
import io.rlhf4j.train.rl.RlRunConfig;
import io.rlhf4j.train.rl.RlTrainerConfig;
import io.rlhf4j.train.rl.health.HealthConfig;
import io.rlhf4j.train.rl.rollout.RolloutConfig;

/**
 * PPO as in InstructGPT / TRL's PPOTrainer: the run settings plus the PPO knobs.
 *
 * @param clipRange       ε of the clipped policy ratio (TRL cliprange 0.2)
 * @param clipRangeValue  ε of the clipped value update (TRL cliprange_value 0.2)
 * @param vfCoef          weight of the value loss in the one backward pass (TRL vf_coef 0.1)
 * @param gamma           discount (1: the score comes once, at the end)
 * @param lambda          GAE λ (TRL lam 0.95)
 * @param whitenRewards   rescale per-token rewards to unit variance before GAE
 * @param whitenAdvantages normalise advantages to zero mean, unit variance
 */
public record PpoConfig(RlRunConfig run, double clipRange, double clipRangeValue, double vfCoef, double gamma,
                        double lambda, boolean whitenRewards, boolean whitenAdvantages) implements RlTrainerConfig {
    public PpoConfig {
        if (!(clipRange > 0)) throw new IllegalArgumentException("clipRange must be > 0");
        if (!(clipRangeValue > 0)) throw new IllegalArgumentException("clipRangeValue must be > 0");
        if (vfCoef < 0) throw new IllegalArgumentException("vfCoef must be >= 0");
        if (gamma < 0 || gamma > 1 || lambda < 0 || lambda > 1) throw new IllegalArgumentException("gamma and lambda must be in [0, 1]");
    }

    /** TRL's PPO defaults, sized for small models: 4 epochs, β 0.05 fixed. */
    public static PpoConfig defaults(long steps) {
        return new PpoConfig(new RlRunConfig(steps, 42, new RolloutConfig(16, 1, 16, 1.0, 0.0),
                OptimConfig.of(3e-4, 4, 8), KlConfig.fixed(0.05), 0, 2, 0, HealthConfig.defaults()),
                0.2, 0.2, 0.1, 1.0, 0.95, false, true);
    }

    public PpoConfig withRun(RlRunConfig r) {
        return new PpoConfig(r, clipRange, clipRangeValue, vfCoef, gamma, lambda, whitenRewards, whitenAdvantages);
    }

    public PpoConfig withWhitenRewards(boolean on) {
        return new PpoConfig(run, clipRange, clipRangeValue, vfCoef, gamma, lambda, on, whitenAdvantages);
    }

    public PpoConfig withVfCoef(double c) {
        return new PpoConfig(run, clipRange, clipRangeValue, c, gamma, lambda, whitenRewards, whitenAdvantages);
    }
}
