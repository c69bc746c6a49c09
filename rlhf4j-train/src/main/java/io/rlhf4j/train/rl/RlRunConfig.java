package io.rlhf4j.train.rl;

import io.rlhf4j.train.rl.health.HealthConfig;
import io.rlhf4j.train.rl.rollout.RolloutConfig;

/**
 * What every RL run shares, whatever the algorithm.
 *
 * @param steps           rollout + update rounds
 * @param checkpointEvery save every so many steps (only healthy ones); 0: only at the end
 * @param evalEvery       run the held-out evaluator every so many steps; 0: never
 */
public record RlRunConfig(long steps, long seed, RolloutConfig rollout, OptimConfig optim, KlConfig kl,
                          int checkpointEvery, int keepCheckpoints, int evalEvery, HealthConfig health) {
    public RlRunConfig {
        if (steps < 1) throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        if (checkpointEvery < 0 || evalEvery < 0) throw new IllegalArgumentException("checkpointEvery and evalEvery must be >= 0");
        if (keepCheckpoints < 1) throw new IllegalArgumentException("keepCheckpoints must be >= 1");
    }

    public RlRunConfig withSteps(long s) {
        return new RlRunConfig(s, seed, rollout, optim, kl, checkpointEvery, keepCheckpoints, evalEvery, health);
    }

    public RlRunConfig withSeed(long s) {
        return new RlRunConfig(steps, s, rollout, optim, kl, checkpointEvery, keepCheckpoints, evalEvery, health);
    }

    public RlRunConfig withRollout(RolloutConfig r) {
        return new RlRunConfig(steps, seed, r, optim, kl, checkpointEvery, keepCheckpoints, evalEvery, health);
    }

    public RlRunConfig withOptim(OptimConfig o) {
        return new RlRunConfig(steps, seed, rollout, o, kl, checkpointEvery, keepCheckpoints, evalEvery, health);
    }

    public RlRunConfig withKl(KlConfig k) {
        return new RlRunConfig(steps, seed, rollout, optim, k, checkpointEvery, keepCheckpoints, evalEvery, health);
    }

    public RlRunConfig withCheckpointEvery(int every) {
        return new RlRunConfig(steps, seed, rollout, optim, kl, every, keepCheckpoints, evalEvery, health);
    }

    public RlRunConfig withEvalEvery(int every) {
        return new RlRunConfig(steps, seed, rollout, optim, kl, checkpointEvery, keepCheckpoints, every, health);
    }

    public RlRunConfig withHealth(HealthConfig h) {
        return new RlRunConfig(steps, seed, rollout, optim, kl, checkpointEvery, keepCheckpoints, evalEvery, h);
    }
}
