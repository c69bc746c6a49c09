package io.rlhf4j.train.rl;

import io.rlhf4j.train.rl.health.HealthConfig;
import io.rlhf4j.train.rl.rollout.RolloutConfig;

/**
 * What every RL run shares, whatever the algorithm. {@link #defaults()} is the one place the
 * defaults live; {@code train ppo|grpo} starts from it.
 *
 * @param steps             rollout + update rounds
 * @param checkpointEvery   save every so many steps (only healthy ones), for resuming; 0: only at the end
 * @param keepCheckpoints   newest resume checkpoints kept on disk
 * @param validateEvery     score the policy with the run's {@link PolicyValidator} every so many steps
 *                          (and at step 0) and keep the best-scoring policy ({@link CheckpointSelector});
 *                          0: never. Without a validator nothing is validated
 * @param selection         which policy the run ends with: the last, or the best validated one
 * @param rewardNormSamples reference-policy samples the reward's mean and standard deviation are
 *                          measured on before the first step ({@link RewardNormalizer}); every reward
 *                          is then (r − mean) / std, so β means the same whatever the reward model's
 *                          scale, in every round. 0: rewards as the reward function returns them
 * @param rewardClip        clip every (normalised) reward to ±this; 0: no clipping
 */
public record RlRunConfig(long steps, long seed, RolloutConfig rollout, OptimConfig optim, KlConfig kl,
                          int checkpointEvery, int keepCheckpoints, int validateEvery,
                          CheckpointSelector.Selection selection, int rewardNormSamples, double rewardClip,
                          HealthConfig health) {
    public RlRunConfig {
        if (steps < 1) throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        if (checkpointEvery < 0 || validateEvery < 0) throw new IllegalArgumentException("checkpointEvery and validateEvery must be >= 0");
        if (keepCheckpoints < 1) throw new IllegalArgumentException("keepCheckpoints must be >= 1");
        if (rewardNormSamples < 0 || rewardNormSamples == 1) {
            throw new IllegalArgumentException("rewardNormSamples must be 0 (off) or >= 2, got " + rewardNormSamples);
        }
        if (!(rewardClip >= 0)) throw new IllegalArgumentException("rewardClip must be >= 0 (0: off), got " + rewardClip);
        if (rollout == null || optim == null || kl == null || health == null || selection == null) {
            throw new IllegalArgumentException("rollout, optim, kl, selection and health are required");
        }
    }

    /**
     * 100 steps of {@link RolloutConfig#defaults()}, {@link OptimConfig#defaults()}, fixed β 0.2
     * (TRL's initial value), a resume checkpoint every 10 steps, validation every 10 steps (when a
     * validator is given) with the best policy kept, rewards normalised on 64 reference samples and
     * clipped at ±5 standard deviations.
     */
    public static RlRunConfig defaults() {
        return new RlRunConfig(100, 42, RolloutConfig.defaults(), OptimConfig.defaults(), KlConfig.defaults(), 10, 2, 10,
                CheckpointSelector.Selection.BEST_VALIDATION, 64, 5.0, HealthConfig.defaults());
    }

    public static Builder builder() { return defaults().toBuilder(); }

    public Builder toBuilder() { return new Builder(this); }

    public static final class Builder {
        private long steps, seed;
        private RolloutConfig rollout;
        private OptimConfig optim;
        private KlConfig kl;
        private int checkpointEvery, keepCheckpoints, validateEvery, rewardNormSamples;
        private CheckpointSelector.Selection selection;
        private double rewardClip;
        private HealthConfig health;

        private Builder(RlRunConfig c) {
            steps = c.steps;
            seed = c.seed;
            rollout = c.rollout;
            optim = c.optim;
            kl = c.kl;
            checkpointEvery = c.checkpointEvery;
            keepCheckpoints = c.keepCheckpoints;
            validateEvery = c.validateEvery;
            selection = c.selection;
            rewardNormSamples = c.rewardNormSamples;
            rewardClip = c.rewardClip;
            health = c.health;
        }

        public Builder steps(long v) { steps = v; return this; }

        public Builder seed(long v) { seed = v; return this; }

        public Builder rollout(RolloutConfig v) { rollout = v; return this; }

        public Builder optim(OptimConfig v) { optim = v; return this; }

        public Builder kl(KlConfig v) { kl = v; return this; }

        public Builder checkpointEvery(int v) { checkpointEvery = v; return this; }

        public Builder keepCheckpoints(int v) { keepCheckpoints = v; return this; }

        public Builder validateEvery(int v) { validateEvery = v; return this; }

        public Builder selection(CheckpointSelector.Selection v) { selection = v; return this; }

        public Builder rewardNormSamples(int v) { rewardNormSamples = v; return this; }

        public Builder rewardClip(double v) { rewardClip = v; return this; }

        public Builder health(HealthConfig v) { health = v; return this; }

        public RlRunConfig build() {
            return new RlRunConfig(steps, seed, rollout, optim, kl, checkpointEvery, keepCheckpoints, validateEvery,
                    selection, rewardNormSamples, rewardClip, health);
        }
    }
}
