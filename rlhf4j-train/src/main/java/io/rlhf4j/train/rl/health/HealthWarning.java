package io.rlhf4j.train.rl.health;

/** One fired check at one step, with the action the configuration attaches to it. */
public record HealthWarning(long step, HealthCheck check, String message, HealthAction action) {
    @Override
    public String toString() {
        return check + " at step " + step + ": " + message + " (" + action + ")";
    }
}
