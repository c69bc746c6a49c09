package io.rlhf4j.train.rl.health;

/** What a run does when a check fires, in increasing severity. */
public enum HealthAction {
    /** Log the warning and carry on. */
    WARN,
    /**
     * Log it and end the run; with checkpoints, the trained models are restored to the last healthy
     * one (which stays the latest), so the caller gets a healthy policy back.
     */
    STOP,
    /**
     * Log it, restore the last healthy checkpoint and continue with fresh samples; after
     * {@link io.rlhf4j.train.rl.RlRun#MAX_CONSECUTIVE_ROLLBACKS} in a row (or with no checkpoint) it stops instead.
     */
    ROLLBACK
}
