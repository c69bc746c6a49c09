package io.rlhf4j.train.rl.health;

import java.util.EnumMap;
import java.util.Map;

/**
 * Thresholds of the run-health checks and the action each check triggers (WARN unless set, except
 * REWARD_HACKING, which rolls back to the best validated policy by default).
 *
 * @param negativeKlTolerance fire when the mean sequence KL is below −tolerance (nats) and more
 *                            than two standard errors below 0
 * @param maxKl               fire when the mean sequence KL exceeds this (nats per sequence)
 * @param minEntropy          fire when the mean per-token entropy drops below this (nats)
 * @param minLength           fire when the mean response length (tokens) drops below this
 * @param maxNoEosFraction    fire when more than this share of responses hit the token limit
 * @param repeatRun           a response is degenerate when one token repeats this many times in a row
 * @param maxRepeatFraction   fire when more than this share of responses is degenerate
 * @param hackingMargin       fire when the validation score fell by more than this from its best
 *                            while the proxy reward rose by more than this since then
 */
public record HealthConfig(double negativeKlTolerance, double maxKl, double minEntropy, double minLength,
                           double maxNoEosFraction, int repeatRun, double maxRepeatFraction, double hackingMargin,
                           Map<HealthCheck, HealthAction> actions) {
    public HealthConfig {
        if (repeatRun < 2) throw new IllegalArgumentException("repeatRun must be >= 2, got " + repeatRun);
        actions = Map.copyOf(actions);
    }

    /** Loose defaults that a healthy run on a small model does not trip. */
    public static HealthConfig defaults() {
        return new HealthConfig(0.05, 20, 0.05, 1.5, 0.5, 4, 0.5, 0.05,
                Map.of(HealthCheck.REWARD_HACKING, HealthAction.ROLLBACK));
    }

    public HealthAction actionFor(HealthCheck check) {
        return actions.getOrDefault(check, HealthAction.WARN);
    }

    public static Builder builder() { return defaults().toBuilder(); }

    public Builder toBuilder() { return new Builder(this); }

    public static final class Builder {
        private double negativeKlTolerance, maxKl, minEntropy, minLength, maxNoEosFraction, maxRepeatFraction, hackingMargin;
        private int repeatRun;
        private final Map<HealthCheck, HealthAction> actions = new EnumMap<>(HealthCheck.class);

        private Builder(HealthConfig c) {
            negativeKlTolerance = c.negativeKlTolerance;
            maxKl = c.maxKl;
            minEntropy = c.minEntropy;
            minLength = c.minLength;
            maxNoEosFraction = c.maxNoEosFraction;
            repeatRun = c.repeatRun;
            maxRepeatFraction = c.maxRepeatFraction;
            hackingMargin = c.hackingMargin;
            actions.putAll(c.actions);
        }

        public Builder negativeKlTolerance(double v) { negativeKlTolerance = v; return this; }

        public Builder maxKl(double v) { maxKl = v; return this; }

        public Builder minEntropy(double v) { minEntropy = v; return this; }

        public Builder minLength(double v) { minLength = v; return this; }

        public Builder maxNoEosFraction(double v) { maxNoEosFraction = v; return this; }

        public Builder repeatRun(int v) { repeatRun = v; return this; }

        public Builder maxRepeatFraction(double v) { maxRepeatFraction = v; return this; }

        public Builder hackingMargin(double v) { hackingMargin = v; return this; }

        public Builder action(HealthCheck check, HealthAction action) { actions.put(check, action); return this; }

        /** The same action for every check. */
        public Builder actionForAll(HealthAction action) {
            for (HealthCheck c : HealthCheck.values()) actions.put(c, action);
            return this;
        }

        public HealthConfig build() {
            return new HealthConfig(negativeKlTolerance, maxKl, minEntropy, minLength, maxNoEosFraction, repeatRun,
                    maxRepeatFraction, hackingMargin, actions);
        }
    }
}
