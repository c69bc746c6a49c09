package io.rlhf4j.train;

import io.rlhf4j.train.optim.AdamW;

/**
 * The training loop's knobs. One optimizer step consumes {@code microBatchSize * gradAccumSteps}
 * examples; the learning rate warms up linearly for {@code warmupSteps} then follows a cosine to
 * {@code minLr} at {@code maxSteps}.
 *
 * @param maxGradNorm     global-norm clipping threshold; 0 turns clipping off
 * @param evalEvery       evaluate every so many optimizer steps (0: never, except at the end if an eval set is given)
 * @param checkpointEvery save a checkpoint every so many steps (0: only when the run ends or stops)
 */
public record TrainConfig(
        long maxSteps,
        int microBatchSize,
        int gradAccumSteps,
        double peakLr,
        double minLr,
        long warmupSteps,
        AdamW.Hyper adam,
        double maxGradNorm,
        int evalEvery,
        int checkpointEvery,
        int keepCheckpoints,
        long seed,
        boolean shuffle) {

    public TrainConfig {
        if (maxSteps < 1) throw new IllegalArgumentException("maxSteps must be >= 1, got " + maxSteps);
        if (microBatchSize < 1) throw new IllegalArgumentException("microBatchSize must be >= 1, got " + microBatchSize);
        if (gradAccumSteps < 1) throw new IllegalArgumentException("gradAccumSteps must be >= 1, got " + gradAccumSteps);
        if (maxGradNorm < 0) throw new IllegalArgumentException("maxGradNorm must be >= 0, got " + maxGradNorm);
        if (evalEvery < 0) throw new IllegalArgumentException("evalEvery must be >= 0, got " + evalEvery);
        if (checkpointEvery < 0) throw new IllegalArgumentException("checkpointEvery must be >= 0, got " + checkpointEvery);
        if (keepCheckpoints < 1) throw new IllegalArgumentException("keepCheckpoints must be >= 1, got " + keepCheckpoints);
        if (adam == null) throw new IllegalArgumentException("adam is required");
    }

    /** Sensible small-model defaults: lr 3e-4 with 10% warmup, clip 1.0, no accumulation. */
    public static TrainConfig defaults(long maxSteps, int microBatchSize) {
        return new TrainConfig(maxSteps, microBatchSize, 1, 3e-4, 3e-5, Math.max(1, maxSteps / 10),
                AdamW.Hyper.defaults(), 1.0, 0, 0, 2, 42, true);
    }

    public TrainConfig withMaxSteps(long steps) {
        return new TrainConfig(steps, microBatchSize, gradAccumSteps, peakLr, minLr, warmupSteps, adam, maxGradNorm,
                evalEvery, checkpointEvery, keepCheckpoints, seed, shuffle);
    }

    public TrainConfig withLr(double peak, double min, long warmup) {
        return new TrainConfig(maxSteps, microBatchSize, gradAccumSteps, peak, min, warmup, adam, maxGradNorm,
                evalEvery, checkpointEvery, keepCheckpoints, seed, shuffle);
    }

    public TrainConfig withGradAccumSteps(int steps) {
        return new TrainConfig(maxSteps, microBatchSize, steps, peakLr, minLr, warmupSteps, adam, maxGradNorm,
                evalEvery, checkpointEvery, keepCheckpoints, seed, shuffle);
    }

    public TrainConfig withEvalEvery(int every) {
        return new TrainConfig(maxSteps, microBatchSize, gradAccumSteps, peakLr, minLr, warmupSteps, adam, maxGradNorm,
                every, checkpointEvery, keepCheckpoints, seed, shuffle);
    }

    public TrainConfig withCheckpointEvery(int every) {
        return new TrainConfig(maxSteps, microBatchSize, gradAccumSteps, peakLr, minLr, warmupSteps, adam, maxGradNorm,
                evalEvery, every, keepCheckpoints, seed, shuffle);
    }

    public TrainConfig withMaxGradNorm(double norm) {
        return new TrainConfig(maxSteps, microBatchSize, gradAccumSteps, peakLr, minLr, warmupSteps, adam, norm,
                evalEvery, checkpointEvery, keepCheckpoints, seed, shuffle);
    }

    public TrainConfig withAdam(AdamW.Hyper hyper) {
        return new TrainConfig(maxSteps, microBatchSize, gradAccumSteps, peakLr, minLr, warmupSteps, hyper, maxGradNorm,
                evalEvery, checkpointEvery, keepCheckpoints, seed, shuffle);
    }

    public TrainConfig withSeed(long newSeed) {
        return new TrainConfig(maxSteps, microBatchSize, gradAccumSteps, peakLr, minLr, warmupSteps, adam, maxGradNorm,
                evalEvery, checkpointEvery, keepCheckpoints, newSeed, shuffle);
    }
}
