package io.rlhf4j.train.dpo;

import io.rlhf4j.train.reward.PreferenceSchedule;

/**
 * Direct preference optimisation settings, named after TRL's {@code DPOConfig}. {@link #defaults()}
 * is the one place the defaults live.
 *
 * @param beta           strength of the implicit KL constraint to the reference policy (DPO's β;
 *                       IPO's τ, whose target gap of per-token mean log-ratios is 1/(2τ))
 * @param lossType       SIGMOID (DPO, Rafailov et al. 2023) or IPO (Azar et al. 2023)
 * @param labelSmoothing ε of conservative DPO / robust DPO (Mitchell 2023): the label is assumed
 *                       flipped with probability ε, loss {@code (1-ε)·-log σ(βh) + ε·-log σ(-βh)};
 *                       0 is plain DPO; ignored by IPO
 * @param maxLength      prompt ++ response tokens kept (prompt start cut first)
 */
public record DpoConfig(
        double beta,
        LossType lossType,
        double labelSmoothing,
        int maxLength,
        double numTrainEpochs,
        long maxSteps,
        int perDeviceTrainBatchSize,
        double learningRate,
        double minLrRatio,
        double warmupRatio,
        double weightDecay,
        double maxGradNorm,
        int saveSteps,
        int saveTotalLimit,
        int padId,
        long seed) implements PreferenceSchedule {

    public enum LossType { SIGMOID, IPO }

    public DpoConfig {
        if (!(beta > 0)) throw new IllegalArgumentException("beta must be > 0, got " + beta);
        if (lossType == null) throw new IllegalArgumentException("lossType is required");
        if (labelSmoothing < 0 || labelSmoothing >= 0.5) throw new IllegalArgumentException("labelSmoothing must be in [0, 0.5)");
        if (maxLength < 2) throw new IllegalArgumentException("maxLength must be >= 2");
        if (maxSteps <= 0 && !(numTrainEpochs > 0)) throw new IllegalArgumentException("give maxSteps > 0 or numTrainEpochs > 0");
        if (perDeviceTrainBatchSize < 1) throw new IllegalArgumentException("batch size must be >= 1");
    }

    /** TRL's defaults where they fit small models: β 0.1, sigmoid loss, lr 1e-4 (TRL: 1e-6 for large models). */
    public static DpoConfig defaults() {
        return new DpoConfig(0.1, LossType.SIGMOID, 0.0, 512, 1, -1, 16, 1e-4, 0.1, 0.1, 0.0, 1.0, 0, 2, 0, 42);
    }

    public static Builder builder() { return defaults().toBuilder(); }

    public Builder toBuilder() { return new Builder(this); }

    public static final class Builder {
        private double beta, labelSmoothing, numTrainEpochs, learningRate, minLrRatio, warmupRatio, weightDecay, maxGradNorm;
        private LossType lossType;
        private int maxLength, perDeviceTrainBatchSize, saveSteps, saveTotalLimit, padId;
        private long maxSteps, seed;

        private Builder(DpoConfig c) {
            beta = c.beta;
            lossType = c.lossType;
            labelSmoothing = c.labelSmoothing;
            maxLength = c.maxLength;
            numTrainEpochs = c.numTrainEpochs;
            maxSteps = c.maxSteps;
            perDeviceTrainBatchSize = c.perDeviceTrainBatchSize;
            learningRate = c.learningRate;
            minLrRatio = c.minLrRatio;
            warmupRatio = c.warmupRatio;
            weightDecay = c.weightDecay;
            maxGradNorm = c.maxGradNorm;
            saveSteps = c.saveSteps;
            saveTotalLimit = c.saveTotalLimit;
            padId = c.padId;
            seed = c.seed;
        }

        public Builder beta(double v) { beta = v; return this; }

        public Builder lossType(LossType v) { lossType = v; return this; }

        public Builder labelSmoothing(double v) { labelSmoothing = v; return this; }

        public Builder maxLength(int v) { maxLength = v; return this; }

        public Builder numTrainEpochs(double v) { numTrainEpochs = v; return this; }

        /** Optimizer steps; overrides {@code numTrainEpochs} when > 0. */
        public Builder maxSteps(long v) { maxSteps = v; return this; }

        public Builder perDeviceTrainBatchSize(int v) { perDeviceTrainBatchSize = v; return this; }

        public Builder learningRate(double v) { learningRate = v; return this; }

        public Builder minLrRatio(double v) { minLrRatio = v; return this; }

        public Builder warmupRatio(double v) { warmupRatio = v; return this; }

        public Builder weightDecay(double v) { weightDecay = v; return this; }

        public Builder maxGradNorm(double v) { maxGradNorm = v; return this; }

        public Builder saveSteps(int v) { saveSteps = v; return this; }

        public Builder saveTotalLimit(int v) { saveTotalLimit = v; return this; }

        public Builder padId(int v) { padId = v; return this; }

        public Builder seed(long v) { seed = v; return this; }

        public DpoConfig build() {
            return new DpoConfig(beta, lossType, labelSmoothing, maxLength, numTrainEpochs, maxSteps, perDeviceTrainBatchSize,
                    learningRate, minLrRatio, warmupRatio, weightDecay, maxGradNorm, saveSteps, saveTotalLimit, padId, seed);
        }
    }
}
