package io.rlhf4j.train.rl;

import io.rlhf4j.train.rl.health.HealthWarning;

import java.util.List;

/**
 * How an RL run ended: the report of its health warnings, its last step's metrics (null if it ran
 * none), and whether a health check stopped it. {@code steps}: the steps the trained policy has
 * (after a stop restored the last healthy checkpoint, that checkpoint's step).
 */
public record RlResult(long steps, long resumedFromStep, boolean stoppedByHealthCheck, int rollbacks,
                       List<HealthWarning> warnings, RlStepMetrics last) {
}
