package io.rlhf4j.train.sft;

import io.rlhf4j.train.TrainConfig;
import io.rlhf4j.train.optim.AdamW;

/**
 * Supervised fine-tuning settings, named after TRL's {@code SFTConfig}. The run length is
 * {@code maxSteps} when positive, else {@code numTrainEpochs} passes over the data.
 *
 * @param assistantOnlyLoss train only on assistant tokens (the chat template's assistant mask);
 *                          false trains on every token, as in plain-text pretraining
 * @param warmupRatio       fraction of the steps spent warming the learning rate up
 * @param minLrRatio        the cosine schedule ends at {@code learningRate * minLrRatio}
 */
public record SftConfig(
        int maxLength,
        boolean assistantOnlyLoss,
        double numTrainEpochs,
        long maxSteps,
        int perDeviceTrainBatchSize,
        int gradientAccumulationSteps,
        double learningRate,
        double minLrRatio,
        double warmupRatio,
        double weightDecay,
        double maxGradNorm,
        int evalSteps,
        int saveSteps,
        int saveTotalLimit,
        long seed) {

    public SftConfig {
        if (maxLength < 2) throw new IllegalArgumentException("maxLength must be >= 2, got " + maxLength);
        if (maxSteps <= 0 && !(numTrainEpochs > 0)) throw new IllegalArgumentException("give maxSteps > 0 or numTrainEpochs > 0");
        if (warmupRatio < 0 || warmupRatio >= 1) throw new IllegalArgumentException("warmupRatio must be in [0,1), got " + warmupRatio);
        if (minLrRatio < 0 || minLrRatio > 1) throw new IllegalArgumentException("minLrRatio must be in [0,1], got " + minLrRatio);
    }

    /** TRL-like defaults: 3 epochs, lr 2e-5 would be for big models; small from-scratch models want 1e-3. */
    public static SftConfig defaults() {
        return new SftConfig(1024, true, 3, -1, 8, 1, 1e-3, 0.1, 0.05, 0.0, 1.0, 0, 500, 2, 42);
    }

    public SftConfig withMaxSteps(long steps) {
        return new SftConfig(maxLength, assistantOnlyLoss, numTrainEpochs, steps, perDeviceTrainBatchSize,
                gradientAccumulationSteps, learningRate, minLrRatio, warmupRatio, weightDecay, maxGradNorm, evalSteps,
                saveSteps, saveTotalLimit, seed);
    }

    public SftConfig withBatch(int batchSize, int accumulation) {
        return new SftConfig(maxLength, assistantOnlyLoss, numTrainEpochs, maxSteps, batchSize, accumulation,
                learningRate, minLrRatio, warmupRatio, weightDecay, maxGradNorm, evalSteps, saveSteps, saveTotalLimit, seed);
    }

    public SftConfig withLearningRate(double lr) {
        return new SftConfig(maxLength, assistantOnlyLoss, numTrainEpochs, maxSteps, perDeviceTrainBatchSize,
                gradientAccumulationSteps, lr, minLrRatio, warmupRatio, weightDecay, maxGradNorm, evalSteps, saveSteps,
                saveTotalLimit, seed);
    }

    public SftConfig withMaxLength(int length) {
        return new SftConfig(length, assistantOnlyLoss, numTrainEpochs, maxSteps, perDeviceTrainBatchSize,
                gradientAccumulationSteps, learningRate, minLrRatio, warmupRatio, weightDecay, maxGradNorm, evalSteps,
                saveSteps, saveTotalLimit, seed);
    }

    public SftConfig withAssistantOnlyLoss(boolean on) {
        return new SftConfig(maxLength, on, numTrainEpochs, maxSteps, perDeviceTrainBatchSize, gradientAccumulationSteps,
                learningRate, minLrRatio, warmupRatio, weightDecay, maxGradNorm, evalSteps, saveSteps, saveTotalLimit, seed);
    }

    public SftConfig withEpochs(double epochs) {
        return new SftConfig(maxLength, assistantOnlyLoss, epochs, maxSteps, perDeviceTrainBatchSize,
                gradientAccumulationSteps, learningRate, minLrRatio, warmupRatio, weightDecay, maxGradNorm, evalSteps,
                saveSteps, saveTotalLimit, seed);
    }

    public SftConfig withEvalSteps(int steps) {
        return new SftConfig(maxLength, assistantOnlyLoss, numTrainEpochs, maxSteps, perDeviceTrainBatchSize,
                gradientAccumulationSteps, learningRate, minLrRatio, warmupRatio, weightDecay, maxGradNorm, steps,
                saveSteps, saveTotalLimit, seed);
    }

    public SftConfig withSaveSteps(int steps) {
        return new SftConfig(maxLength, assistantOnlyLoss, numTrainEpochs, maxSteps, perDeviceTrainBatchSize,
                gradientAccumulationSteps, learningRate, minLrRatio, warmupRatio, weightDecay, maxGradNorm, evalSteps,
                steps, saveTotalLimit, seed);
    }

    /** Optimizer steps for a training set of {@code examples}. */
    public long totalSteps(int examples) {
        if (maxSteps > 0) return maxSteps;
        long perEpoch = Math.max(1, (long) Math.ceil((double) examples / (perDeviceTrainBatchSize * gradientAccumulationSteps)));
        return Math.max(1, (long) Math.ceil(perEpoch * numTrainEpochs));
    }

    /** The generic loop settings this SFT run amounts to. */
    public TrainConfig toTrainConfig(int examples) {
        long steps = totalSteps(examples);
        AdamW.Hyper adam = new AdamW.Hyper(0.9, 0.999, 1e-8, weightDecay);
        return new TrainConfig(steps, perDeviceTrainBatchSize, gradientAccumulationSteps, learningRate,
                learningRate * minLrRatio, Math.round(steps * warmupRatio), adam, maxGradNorm, evalSteps, saveSteps,
                Math.max(1, saveTotalLimit), seed, true);
    }
}
