package io.rlhf4j.train.rl;

import io.rlhf4j.train.rl.health.HealthWarning;

import java.util.List;

/**
 * How an RL run ended: the report of its health warnings, its last step's metrics (null if it ran
 * none), whether a health check stopped it, the reward normalisation it trained under, and which
 * policy it ended with. {@code steps}: the steps the returned policy has (the chosen checkpoint's
 * step; after a stop without validation that restored the last healthy checkpoint, that one's).
 *
 * @param selection the validated checkpoint the run ended with and why; null when the run had no validator
 */
public record RlResult(long steps, long resumedFromStep, boolean stoppedByHealthCheck, int rollbacks,
                       List<HealthWarning> warnings, RlStepMetrics last, RewardNormalizer rewardNormalizer,
                       CheckpointSelector.Choice selection) {
}
