package io.rlhf4j.train.rl;

import io.rlhf4j.train.optim.AdamW;

/**
 * The update phase of a step: {@code epochs} passes over the rollout in shuffled minibatches of
 * {@code minibatchSize} samples, one AdamW step each, with global-norm gradient clipping.
 */
public record OptimConfig(double learningRate, int epochs, int minibatchSize, double maxGradNorm, AdamW.Hyper adam) {
    public OptimConfig {
        if (!(learningRate > 0)) throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
        if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        if (minibatchSize < 1) throw new IllegalArgumentException("minibatchSize must be >= 1, got " + minibatchSize);
        if (maxGradNorm < 0) throw new IllegalArgumentException("maxGradNorm must be >= 0, got " + maxGradNorm);
        if (adam == null) throw new IllegalArgumentException("adam is required");
    }

    /**
     * lr 1e-5 (for pretrained models), 2 epochs of minibatches of 8, clip 1.0, and no weight decay:
     * it would pull the policy away from the reference for no reason.
     */
    public static OptimConfig defaults() {
        return new OptimConfig(1e-5, 2, 8, 1.0, new AdamW.Hyper(0.9, 0.999, 1e-8, 0.0));
    }

    /** The defaults with these three set. */
    public static OptimConfig of(double lr, int epochs, int minibatchSize) {
        return builder().learningRate(lr).epochs(epochs).minibatchSize(minibatchSize).build();
    }

    public static Builder builder() { return defaults().toBuilder(); }

    public Builder toBuilder() { return new Builder(this); }

    public static final class Builder {
        private double learningRate, maxGradNorm;
        private int epochs, minibatchSize;
        private AdamW.Hyper adam;

        private Builder(OptimConfig c) {
            learningRate = c.learningRate;
            epochs = c.epochs;
            minibatchSize = c.minibatchSize;
            maxGradNorm = c.maxGradNorm;
            adam = c.adam;
        }

        public Builder learningRate(double v) { learningRate = v; return this; }

        public Builder epochs(int v) { epochs = v; return this; }

        public Builder minibatchSize(int v) { minibatchSize = v; return this; }

        public Builder maxGradNorm(double v) { maxGradNorm = v; return this; }

        public Builder adam(AdamW.Hyper v) { adam = v; return this; }

        public OptimConfig build() { return new OptimConfig(learningRate, epochs, minibatchSize, maxGradNorm, adam); }
    }
}
