package io.rlhf4j.train.rl;

/**
 * The KL penalty to the reference: β starts at {@code initCoef}; when {@code target} > 0 it adapts
 * towards that mean sequence KL (nats) over {@code horizon} samples, otherwise it stays fixed.
 */
public record KlConfig(double initCoef, double target, double horizon) {
    public KlConfig {
        if (initCoef < 0) throw new IllegalArgumentException("initCoef must be >= 0, got " + initCoef);
        if (target < 0) throw new IllegalArgumentException("target must be >= 0 (0: fixed), got " + target);
        if (!(horizon > 0)) throw new IllegalArgumentException("horizon must be > 0, got " + horizon);
    }

    public static KlConfig fixed(double beta) { return new KlConfig(beta, 0, 10000); }

    /** TRL's defaults were init 0.2, target 6, horizon 10000. */
    public static KlConfig adaptive(double init, double target, double horizon) { return new KlConfig(init, target, horizon); }

    public boolean adaptive() { return target > 0; }
}
