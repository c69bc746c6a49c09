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

    /** Small-model defaults: lr 3e-4 with 10% warmup, clip 1.0, no accumulation. The one place the loop's defaults live. */
    public static TrainConfig defaults(long maxSteps, int microBatchSize) {
        return new TrainConfig(maxSteps, microBatchSize, 1, 3e-4, 3e-5, Math.max(1, maxSteps / 10),
                AdamW.Hyper.defaults(), 1.0, 0, 0, 2, 42, true);
    }

    /** A builder starting from {@link #defaults(long, int)}. */
    public static Builder builder(long maxSteps, int microBatchSize) {
        return defaults(maxSteps, microBatchSize).toBuilder();
    }

    /** A builder starting from this config. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes some settings of a config; {@link #build()} validates the result. */
    public static final class Builder {
        private long maxSteps;
        private int microBatchSize;
        private int gradAccumSteps;
        private double peakLr;
        private double minLr;
        private long warmupSteps;
        private AdamW.Hyper adam;
        private double maxGradNorm;
        private int evalEvery;
        private int checkpointEvery;
        private int keepCheckpoints;
        private long seed;
        private boolean shuffle;

        private Builder(TrainConfig c) {
            maxSteps = c.maxSteps;
            microBatchSize = c.microBatchSize;
            gradAccumSteps = c.gradAccumSteps;
            peakLr = c.peakLr;
            minLr = c.minLr;
            warmupSteps = c.warmupSteps;
            adam = c.adam;
            maxGradNorm = c.maxGradNorm;
            evalEvery = c.evalEvery;
            checkpointEvery = c.checkpointEvery;
            keepCheckpoints = c.keepCheckpoints;
            seed = c.seed;
            shuffle = c.shuffle;
        }

        public Builder maxSteps(long v) { maxSteps = v; return this; }
        public Builder microBatchSize(int v) { microBatchSize = v; return this; }
        public Builder gradAccumSteps(int v) { gradAccumSteps = v; return this; }
        public Builder peakLr(double v) { peakLr = v; return this; }
        public Builder minLr(double v) { minLr = v; return this; }
        public Builder warmupSteps(long v) { warmupSteps = v; return this; }

        /** The whole schedule at once: peak, floor and warmup length. */
        public Builder lr(double peak, double min, long warmup) { peakLr = peak; minLr = min; warmupSteps = warmup; return this; }

        public Builder adam(AdamW.Hyper v) { adam = v; return this; }
        public Builder maxGradNorm(double v) { maxGradNorm = v; return this; }
        public Builder evalEvery(int v) { evalEvery = v; return this; }
        public Builder checkpointEvery(int v) { checkpointEvery = v; return this; }
        public Builder keepCheckpoints(int v) { keepCheckpoints = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder shuffle(boolean v) { shuffle = v; return this; }

        public TrainConfig build() {
            return new TrainConfig(maxSteps, microBatchSize, gradAccumSteps, peakLr, minLr, warmupSteps, adam, maxGradNorm,
                    evalEvery, checkpointEvery, keepCheckpoints, seed, shuffle);
        }
    }
}
