package io.rlhf4j.train.reward;

import io.rlhf4j.train.TrainConfig;
import io.rlhf4j.train.optim.AdamW;

/**
 * Reward-model training settings, named after TRL's {@code RewardConfig} where one exists. A
 * batch holds {@code perDeviceTrainBatchSize} judgments (a K-wise ranking is one element with all
 * its pairs, InstructGPT). The run is {@code maxSteps} when positive, else {@code numTrainEpochs}
 * passes over the judgments.
 *
 * @param marginPerStrength Llama-2 margin: a PREFERRED pair of strength s is trained on
 *                          {@code -log σ(r_c - r_r - marginPerStrength·(s-1))}, so "much better"
 *                          must win by more than "slightly better"; 0 turns margins off
 * @param tieWeight         weight of the tie loss {@code -½log σ(d) - ½log σ(-d)} (minimal at
 *                          d = 0) for TIE and BOTH_BAD pairs; 0 drops ties from the loss
 * @param bothBadWeight     BOTH_BAD pairs are a tie plus an absolute term
 *                          {@code ½[-log σ(τ - r_a) - log σ(τ - r_b)]} pushing both below the
 *                          threshold τ; this weight scales the absolute term (0: BOTH_BAD = TIE)
 * @param bothBadThreshold  τ, in raw (unnormalised) reward units
 */
public record RewardConfig(
        int maxLength,
        double numTrainEpochs,
        long maxSteps,
        int perDeviceTrainBatchSize,
        double learningRate,
        double minLrRatio,
        double warmupRatio,
        double weightDecay,
        double maxGradNorm,
        double marginPerStrength,
        double tieWeight,
        double bothBadWeight,
        double bothBadThreshold,
        int evalSteps,
        int saveSteps,
        int saveTotalLimit,
        int padId,
        long seed) {

    public RewardConfig {
        if (maxLength < 2) throw new IllegalArgumentException("maxLength must be >= 2, got " + maxLength);
        if (maxSteps <= 0 && !(numTrainEpochs > 0)) throw new IllegalArgumentException("give maxSteps > 0 or numTrainEpochs > 0");
        if (perDeviceTrainBatchSize < 1) throw new IllegalArgumentException("batch size must be >= 1");
        if (marginPerStrength < 0 || tieWeight < 0 || bothBadWeight < 0) {
            throw new IllegalArgumentException("margin and loss weights must be >= 0");
        }
        if (warmupRatio < 0 || warmupRatio >= 1) throw new IllegalArgumentException("warmupRatio must be in [0,1)");
    }

    /** Small-model defaults: 1 epoch, lr 1e-3, batch 16, ties and both-bad on, margins off. */
    public static RewardConfig defaults() {
        return new RewardConfig(512, 1, -1, 16, 1e-3, 0.1, 0.05, 0.0, 1.0, 0.0, 1.0, 1.0, 0.0, 0, 0, 2, 0, 42);
    }

    public RewardConfig withMaxSteps(long steps) {
        return new RewardConfig(maxLength, numTrainEpochs, steps, perDeviceTrainBatchSize, learningRate, minLrRatio,
                warmupRatio, weightDecay, maxGradNorm, marginPerStrength, tieWeight, bothBadWeight, bothBadThreshold,
                evalSteps, saveSteps, saveTotalLimit, padId, seed);
    }

    public RewardConfig withEpochs(double epochs) {
        return new RewardConfig(maxLength, epochs, -1, perDeviceTrainBatchSize, learningRate, minLrRatio,
                warmupRatio, weightDecay, maxGradNorm, marginPerStrength, tieWeight, bothBadWeight, bothBadThreshold,
                evalSteps, saveSteps, saveTotalLimit, padId, seed);
    }

    public RewardConfig withBatchSize(int judgments) {
        return new RewardConfig(maxLength, numTrainEpochs, maxSteps, judgments, learningRate, minLrRatio,
                warmupRatio, weightDecay, maxGradNorm, marginPerStrength, tieWeight, bothBadWeight, bothBadThreshold,
                evalSteps, saveSteps, saveTotalLimit, padId, seed);
    }

    public RewardConfig withLearningRate(double lr) {
        return new RewardConfig(maxLength, numTrainEpochs, maxSteps, perDeviceTrainBatchSize, lr, minLrRatio,
                warmupRatio, weightDecay, maxGradNorm, marginPerStrength, tieWeight, bothBadWeight, bothBadThreshold,
                evalSteps, saveSteps, saveTotalLimit, padId, seed);
    }

    public RewardConfig withMaxLength(int length) {
        return new RewardConfig(length, numTrainEpochs, maxSteps, perDeviceTrainBatchSize, learningRate, minLrRatio,
                warmupRatio, weightDecay, maxGradNorm, marginPerStrength, tieWeight, bothBadWeight, bothBadThreshold,
                evalSteps, saveSteps, saveTotalLimit, padId, seed);
    }

    public RewardConfig withMarginPerStrength(double margin) {
        return new RewardConfig(maxLength, numTrainEpochs, maxSteps, perDeviceTrainBatchSize, learningRate, minLrRatio,
                warmupRatio, weightDecay, maxGradNorm, margin, tieWeight, bothBadWeight, bothBadThreshold,
                evalSteps, saveSteps, saveTotalLimit, padId, seed);
    }

    public RewardConfig withTies(double tie, double bothBad, double threshold) {
        return new RewardConfig(maxLength, numTrainEpochs, maxSteps, perDeviceTrainBatchSize, learningRate, minLrRatio,
                warmupRatio, weightDecay, maxGradNorm, marginPerStrength, tie, bothBad, threshold,
                evalSteps, saveSteps, saveTotalLimit, padId, seed);
    }

    public RewardConfig withSaveSteps(int steps) {
        return new RewardConfig(maxLength, numTrainEpochs, maxSteps, perDeviceTrainBatchSize, learningRate, minLrRatio,
                warmupRatio, weightDecay, maxGradNorm, marginPerStrength, tieWeight, bothBadWeight, bothBadThreshold,
                evalSteps, steps, saveTotalLimit, padId, seed);
    }

    public RewardConfig withPadId(int pad) {
        return new RewardConfig(maxLength, numTrainEpochs, maxSteps, perDeviceTrainBatchSize, learningRate, minLrRatio,
                warmupRatio, weightDecay, maxGradNorm, marginPerStrength, tieWeight, bothBadWeight, bothBadThreshold,
                evalSteps, saveSteps, saveTotalLimit, pad, seed);
    }

    public RewardConfig withSeed(long newSeed) {
        return new RewardConfig(maxLength, numTrainEpochs, maxSteps, perDeviceTrainBatchSize, learningRate, minLrRatio,
                warmupRatio, weightDecay, maxGradNorm, marginPerStrength, tieWeight, bothBadWeight, bothBadThreshold,
                evalSteps, saveSteps, saveTotalLimit, padId, newSeed);
    }

    /** The margin a PREFERRED pair of this strength must be won by. */
    public double margin(int strength) {
        return marginPerStrength * Math.max(0, strength - 1);
    }

    public long totalSteps(int judgments) {
        if (maxSteps > 0) return maxSteps;
        long perEpoch = Math.max(1, (long) Math.ceil((double) judgments / perDeviceTrainBatchSize));
        return Math.max(1, (long) Math.ceil(perEpoch * numTrainEpochs));
    }

    /**
     * Tokens one forward pass may hold. Attention keeps a [heads, T, T] array per sequence and layer
     * for backward, so memory grows with batch x T²: at 512 tokens a batch of 16 judgments in one
     * pass peaked at 9 GB for a 0.26M-parameter model. A batch over this budget runs as equal
     * micro-batches with gradient accumulation: the same optimizer step, a fraction of the memory.
     */
    static final int TOKENS_PER_PASS = 4096;

    /** Judgments per forward pass: the largest divisor of the batch whose pairs (two sequences each) fit the budget. */
    public int judgmentsPerPass() {
        int fit = Math.max(1, TOKENS_PER_PASS / (2 * maxLength));
        for (int micro = Math.min(fit, perDeviceTrainBatchSize); micro > 1; micro--) {
            if (perDeviceTrainBatchSize % micro == 0) return micro;
        }
        return 1;
    }

    public TrainConfig toTrainConfig(int judgments) {
        long steps = totalSteps(judgments);
        int micro = judgmentsPerPass();
        return new TrainConfig(steps, micro, perDeviceTrainBatchSize / micro, learningRate, learningRate * minLrRatio,
                Math.round(steps * warmupRatio), new AdamW.Hyper(0.9, 0.999, 1e-8, weightDecay), maxGradNorm,
                evalSteps, saveSteps, Math.max(1, saveTotalLimit), seed, true);
    }
}
