package io.rlhf4j.train.dpo;

import io.rlhf4j.train.TrainConfig;
import io.rlhf4j.train.optim.AdamW;

/**
 * Direct preference optimisation settings, named after TRL's {@code DPOConfig}.
 *
 * @param beta           strength of the implicit KL constraint to the reference policy (DPO's β;
 *                       IPO's τ, whose target log-ratio margin is 1/(2τ))
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
        long seed) {

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

    public DpoConfig withBeta(double b) {
        return new DpoConfig(b, lossType, labelSmoothing, maxLength, numTrainEpochs, maxSteps, perDeviceTrainBatchSize,
                learningRate, minLrRatio, warmupRatio, weightDecay, maxGradNorm, saveSteps, saveTotalLimit, padId, seed);
    }

    public DpoConfig withLoss(LossType type, double smoothing) {
        return new DpoConfig(beta, type, smoothing, maxLength, numTrainEpochs, maxSteps, perDeviceTrainBatchSize,
                learningRate, minLrRatio, warmupRatio, weightDecay, maxGradNorm, saveSteps, saveTotalLimit, padId, seed);
    }

    public DpoConfig withMaxSteps(long steps) {
        return new DpoConfig(beta, lossType, labelSmoothing, maxLength, numTrainEpochs, steps, perDeviceTrainBatchSize,
                learningRate, minLrRatio, warmupRatio, weightDecay, maxGradNorm, saveSteps, saveTotalLimit, padId, seed);
    }

    public DpoConfig withEpochs(double epochs) {
        return new DpoConfig(beta, lossType, labelSmoothing, maxLength, epochs, -1, perDeviceTrainBatchSize,
                learningRate, minLrRatio, warmupRatio, weightDecay, maxGradNorm, saveSteps, saveTotalLimit, padId, seed);
    }

    public DpoConfig withBatchSize(int pairs) {
        return new DpoConfig(beta, lossType, labelSmoothing, maxLength, numTrainEpochs, maxSteps, pairs,
                learningRate, minLrRatio, warmupRatio, weightDecay, maxGradNorm, saveSteps, saveTotalLimit, padId, seed);
    }

    public DpoConfig withLearningRate(double lr) {
        return new DpoConfig(beta, lossType, labelSmoothing, maxLength, numTrainEpochs, maxSteps, perDeviceTrainBatchSize,
                lr, minLrRatio, warmupRatio, weightDecay, maxGradNorm, saveSteps, saveTotalLimit, padId, seed);
    }

    public DpoConfig withMaxLength(int length) {
        return new DpoConfig(beta, lossType, labelSmoothing, length, numTrainEpochs, maxSteps, perDeviceTrainBatchSize,
                learningRate, minLrRatio, warmupRatio, weightDecay, maxGradNorm, saveSteps, saveTotalLimit, padId, seed);
    }

    public DpoConfig withSaveSteps(int steps) {
        return new DpoConfig(beta, lossType, labelSmoothing, maxLength, numTrainEpochs, maxSteps, perDeviceTrainBatchSize,
                learningRate, minLrRatio, warmupRatio, weightDecay, maxGradNorm, steps, saveTotalLimit, padId, seed);
    }

    public DpoConfig withSeed(long s) {
        return new DpoConfig(beta, lossType, labelSmoothing, maxLength, numTrainEpochs, maxSteps, perDeviceTrainBatchSize,
                learningRate, minLrRatio, warmupRatio, weightDecay, maxGradNorm, saveSteps, saveTotalLimit, padId, s);
    }

    public long totalSteps(int pairs) {
        if (maxSteps > 0) return maxSteps;
        long perEpoch = Math.max(1, (long) Math.ceil((double) pairs / perDeviceTrainBatchSize));
        return Math.max(1, (long) Math.ceil(perEpoch * numTrainEpochs));
    }

    public TrainConfig toTrainConfig(int pairs) {
        long steps = totalSteps(pairs);
        return new TrainConfig(steps, perDeviceTrainBatchSize, 1, learningRate, learningRate * minLrRatio,
                Math.round(steps * warmupRatio), new AdamW.Hyper(0.9, 0.999, 1e-8, weightDecay), maxGradNorm, 0,
                saveSteps, Math.max(1, saveTotalLimit), seed, true);
    }
}
