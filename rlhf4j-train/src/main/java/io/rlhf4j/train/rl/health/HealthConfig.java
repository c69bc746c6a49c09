package io.rlhf4j.train.rl.health;

import java.util.EnumMap;
import java.util.Map;

/**
 * Thresholds of the run-health checks and the action each check triggers (WARN unless set).
 *
 * @param negativeKlTolerance fire when the mean sequence KL is below −tolerance (nats) and more
 *                            than two standard errors below 0
 * @param maxKl               fire when the mean sequence KL exceeds this (nats per sequence)
 * @param minEntropy          fire when the mean per-token entropy drops below this (nats)
 * @param minLength           fire when the mean response length (tokens) drops below this
 * @param maxNoEosFraction    fire when more than this share of responses hit the token limit
 * @param repeatRun           a response is degenerate when one token repeats this many times in a row
 * @param maxRepeatFraction   fire when more than this share of responses is degenerate
 * @param hackingMargin       fire when the held-out score fell by more than this from its best
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
        return new HealthConfig(0.05, 20, 0.05, 1.5, 0.5, 4, 0.5, 0.05, Map.of());
    }

    public HealthAction actionFor(HealthCheck check) {
        return actions.getOrDefault(check, HealthAction.WARN);
    }

    public HealthConfig withAction(HealthCheck check, HealthAction action) {
        Map<HealthCheck, HealthAction> m = new EnumMap<>(HealthCheck.class);
        m.putAll(actions);
        m.put(check, action);
        return new HealthConfig(negativeKlTolerance, maxKl, minEntropy, minLength, maxNoEosFraction, repeatRun,
                maxRepeatFraction, hackingMargin, m);
    }

    /** The same action for every check. */
    public HealthConfig withActionForAll(HealthAction action) {
        Map<HealthCheck, HealthAction> m = new EnumMap<>(HealthCheck.class);
        for (HealthCheck c : HealthCheck.values()) m.put(c, action);
        return new HealthConfig(negativeKlTolerance, maxKl, minEntropy, minLength, maxNoEosFraction, repeatRun,
                maxRepeatFraction, hackingMargin, m);
    }

    public HealthConfig withMaxKl(double kl) {
        return new HealthConfig(negativeKlTolerance, kl, minEntropy, minLength, maxNoEosFraction, repeatRun,
                maxRepeatFraction, hackingMargin, actions);
    }
}
