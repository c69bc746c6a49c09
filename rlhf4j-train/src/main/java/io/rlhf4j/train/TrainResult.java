package io.rlhf4j.train;

/**
 * How a run ended.
 *
 * @param resumedFromStep the checkpoint step the run continued from (0 for a fresh run)
 * @param lastEvalLoss    null when no evaluation ran
 */
public record TrainResult(long steps, long tokensSeen, double lastLoss, Double lastEvalLoss, long resumedFromStep,
                          boolean stoppedEarly) {
}
