package io.rlhf4j.train.rl.grpo;

import io.rlhf4j.train.rl.KlConfig;
import io.rlhf4j.train.rl.OptimConfig;
import io.rlhf4j.train.rl.RlRunConfig;
import io.rlhf4j.train.rl.RlTrainerConfig;
import io.rlhf4j.train.rl.health.HealthConfig;
import io.rlhf4j.train.rl.rollout.RolloutConfig;

/**
 * The critic-free optimisers on the shared rollout path: k samples per prompt
 * ({@code run.rollout().samplesPerPrompt()}) and a baseline from the group instead of a value model.
 *
 * @param estimator  GRPO's group-normalised advantage or RLOO's leave-one-out baseline
 * @param klPlacement where the KL to the reference enters: a k3 term in the loss (GRPO) or
 *                   subtracted from the sequence reward before the baseline (RLOO)
 * @param clipRange  ε of the clipped ratio
 * @param scaleByStd divide GRPO advantages by the group std (false: Dr. GRPO's mean-only)
 * @param normalizeAdvantages rescale the step's advantages to zero mean, unit variance across the
 *                   whole batch (TRL RLOOConfig's normalize_advantages): RLOO's raw advantages are in
 *                   reward units, so without it the step size depends on the reward's scale
 */
public record GrpoConfig(RlRunConfig run, Estimator estimator, KlPlacement klPlacement, double clipRange,
                         boolean scaleByStd, boolean normalizeAdvantages) implements RlTrainerConfig {

    public enum Estimator { GROUP_NORMALIZED, LEAVE_ONE_OUT }

    public enum KlPlacement { LOSS_K3, REWARD }

    public GrpoConfig {
        if (run.rollout().samplesPerPrompt() < 2) {
            throw new IllegalArgumentException("group baselines need samplesPerPrompt >= 2, got "
                    + run.rollout().samplesPerPrompt());
        }
        if (!(clipRange > 0)) throw new IllegalArgumentException("clipRange must be > 0");
    }

    /** TRL GRPOTrainer-like: k = 8, β = 0.04 on a k3 term, one epoch per rollout. */
    public static GrpoConfig grpo(long steps) {
        return new GrpoConfig(new RlRunConfig(steps, 42, new RolloutConfig(4, 8, 16, 1.0, 0.0), OptimConfig.of(3e-4, 1, 32),
                KlConfig.fixed(0.04), 0, 2, 0, HealthConfig.defaults()), Estimator.GROUP_NORMALIZED, KlPlacement.LOSS_K3,
                0.2, true, false);
    }

    /** TRL RLOOTrainer-like: k = 4, β = 0.05 subtracted from the reward, leave-one-out baseline. */
    public static GrpoConfig rloo(long steps) {
        return new GrpoConfig(new RlRunConfig(steps, 42, new RolloutConfig(8, 4, 16, 1.0, 0.0), OptimConfig.of(3e-4, 1, 32),
                KlConfig.fixed(0.05), 0, 2, 0, HealthConfig.defaults()), Estimator.LEAVE_ONE_OUT, KlPlacement.REWARD,
                0.2, false, false);
    }

    public GrpoConfig withRun(RlRunConfig r) {
        return new GrpoConfig(r, estimator, klPlacement, clipRange, scaleByStd, normalizeAdvantages);
    }

    public GrpoConfig withNormalizeAdvantages(boolean on) {
        return new GrpoConfig(run, estimator, klPlacement, clipRange, scaleByStd, on);
    }

    public String algorithmName() {
        return estimator == Estimator.LEAVE_ONE_OUT ? "rloo" : "grpo";
    }
}
