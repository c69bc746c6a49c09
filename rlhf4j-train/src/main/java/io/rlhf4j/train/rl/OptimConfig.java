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
    }

    /** No weight decay: it would pull the policy away from the reference for no reason. */
    public static OptimConfig of(double lr, int epochs, int minibatchSize) {
        return new OptimConfig(lr, epochs, minibatchSize, 1.0, new AdamW.Hyper(0.9, 0.999, 1e-8, 0.0));
    }
}
