package io.rlhf4j.train.rl;

/**
 * The KL penalty coefficient β. Fixed, or adaptive as in Ziegler et al. 2019 (TRL's
 * AdaptiveKLController): β ← β · (1 + clip(KL/target − 1, ±0.2) · n / horizon) after each batch of
 * n samples, so KL drifts towards the target instead of being tuned by hand.
 *
 * <p>β is kept rounded to float after every update: the checkpoint stores it, and a resumed run
 * must continue with bit-for-bit the same value.
 */
public final class KlController {
    private final KlConfig config;
    private double value;

    public KlController(KlConfig config) {
        this.config = config;
        this.value = (float) config.initCoef();
    }

    public double value() { return value; }

    /** Restores a checkpointed β. */
    public void set(double beta) { this.value = (float) beta; }

    /** After a batch of {@code samples} with mean sequence KL {@code kl}. */
    public void update(double kl, int samples) {
        if (!config.adaptive() || !Double.isFinite(kl)) return;
        double error = Math.max(-0.2, Math.min(0.2, kl / config.target() - 1));
        value = (float) (value * (1 + error * samples / config.horizon()));
    }
}
