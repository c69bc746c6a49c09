package io.rlhf4j.train.optim;

/**
 * Linear warmup from {@code peakLr / warmupSteps} to {@code peakLr}, then a half cosine down to
 * {@code minLr} at {@code totalSteps}; held at {@code minLr} after that. Warmup starts above zero so
 * the very first update is not wasted.
 */
public record WarmupCosineSchedule(double peakLr, double minLr, long warmupSteps, long totalSteps) implements LrSchedule {
    public WarmupCosineSchedule {
        if (!(peakLr > 0)) throw new IllegalArgumentException("peakLr must be > 0, got " + peakLr);
        if (minLr < 0 || minLr > peakLr) throw new IllegalArgumentException("minLr must be in [0, peakLr], got " + minLr);
        if (warmupSteps < 0) throw new IllegalArgumentException("warmupSteps must be >= 0, got " + warmupSteps);
        if (totalSteps < 1) throw new IllegalArgumentException("totalSteps must be >= 1, got " + totalSteps);
    }

    @Override
    public double lr(long step) {
        if (step < warmupSteps) return peakLr * (step + 1) / warmupSteps;
        long decaySteps = totalSteps - warmupSteps;
        if (decaySteps <= 0 || step >= totalSteps) return minLr;
        double progress = (double) (step - warmupSteps) / decaySteps;
        return minLr + 0.5 * (peakLr - minLr) * (1 + Math.cos(Math.PI * progress));
    }
}
