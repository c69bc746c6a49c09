package io.rlhf4j.train;

/**
 * How a run ended.
 *
 * @param resumedFromStep the checkpoint step the run continued from (0 for a fresh run)
 * @param lastEvalLoss    null when no evaluation ran
 * @param dataEnd         where the data order stood after the last step: with the seed, which examples
 *                        the run drew (lineage replays it)
 */
public record TrainResult(long steps, long tokensSeen, double lastLoss, Double lastEvalLoss, long resumedFromStep,
                          boolean stoppedEarly, io.rlhf4j.train.data.DataCursor dataEnd) {
}
