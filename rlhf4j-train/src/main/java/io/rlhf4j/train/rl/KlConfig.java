package io.rlhf4j.train.rl;

/**
 * The KL penalty to the reference: β starts at {@code initCoef}; when {@code target} > 0 it adapts
 * towards that mean sequence KL (nats) with the proportional controller of Ziegler et al. 2019
 * ({@link KlController}), otherwise it stays fixed.
 *
 * @param horizon samples over which a KL error of 100% moves β by 20%: smaller reacts faster. TRL's
 *                10,000 suits its batches of 256 samples; with 16 samples a step β would barely move,
 *                hence the smaller default
 */
public record KlConfig(double initCoef, double target, double horizon) {
    public KlConfig {
        if (initCoef < 0) throw new IllegalArgumentException("initCoef must be >= 0, got " + initCoef);
        if (target < 0) throw new IllegalArgumentException("target must be >= 0 (0: fixed), got " + target);
        if (!(horizon > 0)) throw new IllegalArgumentException("horizon must be > 0, got " + horizon);
    }

    /** Fixed β 0.2 (TRL's initial value); horizon 1,000 samples for when a target is set. */
    public static KlConfig defaults() { return new KlConfig(0.2, 0, 1000); }

    public static KlConfig fixed(double beta) { return builder().initCoef(beta).build(); }

    /** TRL's defaults were init 0.2, target 6, horizon 10000. */
    public static KlConfig adaptive(double init, double target, double horizon) { return new KlConfig(init, target, horizon); }

    public boolean adaptive() { return target > 0; }

    public static Builder builder() { return defaults().toBuilder(); }

    public Builder toBuilder() { return new Builder(this); }

    public static final class Builder {
        private double initCoef, target, horizon;

        private Builder(KlConfig c) {
            initCoef = c.initCoef;
            target = c.target;
            horizon = c.horizon;
        }

        public Builder initCoef(double v) { initCoef = v; return this; }

        /** Mean sequence KL (nats) to steer towards; 0 keeps β fixed. */
        public Builder target(double v) { target = v; return this; }

        public Builder horizon(double v) { horizon = v; return this; }

        public KlConfig build() { return new KlConfig(initCoef, target, horizon); }
    }
}
