package io.rlhf4j.train.rl.health;

/** What a run does when a check fires, in increasing severity. */
public enum HealthAction {
    /** Log the warning and carry on. */
    WARN,
    /** Log it and end the run (the last healthy checkpoint stays the latest). */
    STOP,
    /** Log it, restore the last healthy checkpoint and continue with fresh samples. */
    ROLLBACK
}
