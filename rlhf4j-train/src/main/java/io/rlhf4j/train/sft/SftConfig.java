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

    /**
     * The one place SFT's defaults live ({@code train sft} reads its option defaults from here).
     * TRL's shape: 3 epochs, cosine to 10% after 5% warmup. The rate is 1e-3, not TRL's 2e-5: that
     * is for fine-tuning large pretrained models, while the models here are small and often trained
     * from scratch. Runs are hundreds of steps, not thousands, so evaluation every 100 steps and a
     * checkpoint every 200 (TRL: 500) give a curve and a resume point in a short run.
     */
    public static SftConfig defaults() {
        return new SftConfig(1024, true, 3, -1, 8, 1, 1e-3, 0.1, 0.05, 0.0, 1.0, 100, 200, 2, 42);
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return defaults().toBuilder();
    }

    /** A builder starting from this config. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes some settings of a config; {@link #build()} validates the result. */
    public static final class Builder {
        private int maxLength;
        private boolean assistantOnlyLoss;
        private double numTrainEpochs;
        private long maxSteps;
        private int perDeviceTrainBatchSize;
        private int gradientAccumulationSteps;
        private double learningRate;
        private double minLrRatio;
        private double warmupRatio;
        private double weightDecay;
        private double maxGradNorm;
        private int evalSteps;
        private int saveSteps;
        private int saveTotalLimit;
        private long seed;

        private Builder(SftConfig c) {
            maxLength = c.maxLength;
            assistantOnlyLoss = c.assistantOnlyLoss;
            numTrainEpochs = c.numTrainEpochs;
            maxSteps = c.maxSteps;
            perDeviceTrainBatchSize = c.perDeviceTrainBatchSize;
            gradientAccumulationSteps = c.gradientAccumulationSteps;
            learningRate = c.learningRate;
            minLrRatio = c.minLrRatio;
            warmupRatio = c.warmupRatio;
            weightDecay = c.weightDecay;
            maxGradNorm = c.maxGradNorm;
            evalSteps = c.evalSteps;
            saveSteps = c.saveSteps;
            saveTotalLimit = c.saveTotalLimit;
            seed = c.seed;
        }

        public Builder maxLength(int v) { maxLength = v; return this; }
        public Builder assistantOnlyLoss(boolean v) { assistantOnlyLoss = v; return this; }
        public Builder numTrainEpochs(double v) { numTrainEpochs = v; return this; }
        public Builder maxSteps(long v) { maxSteps = v; return this; }
        public Builder perDeviceTrainBatchSize(int v) { perDeviceTrainBatchSize = v; return this; }
        public Builder gradientAccumulationSteps(int v) { gradientAccumulationSteps = v; return this; }
        public Builder learningRate(double v) { learningRate = v; return this; }
        public Builder minLrRatio(double v) { minLrRatio = v; return this; }
        public Builder warmupRatio(double v) { warmupRatio = v; return this; }
        public Builder weightDecay(double v) { weightDecay = v; return this; }
        public Builder maxGradNorm(double v) { maxGradNorm = v; return this; }
        public Builder evalSteps(int v) { evalSteps = v; return this; }
        public Builder saveSteps(int v) { saveSteps = v; return this; }
        public Builder saveTotalLimit(int v) { saveTotalLimit = v; return this; }
        public Builder seed(long v) { seed = v; return this; }

        /** Batch shape: examples per forward pass and passes per optimizer step. */
        public Builder batch(int perDevice, int accumulation) {
            perDeviceTrainBatchSize = perDevice;
            gradientAccumulationSteps = accumulation;
            return this;
        }

        public SftConfig build() {
            return new SftConfig(maxLength, assistantOnlyLoss, numTrainEpochs, maxSteps, perDeviceTrainBatchSize, gradientAccumulationSteps,
                    learningRate, minLrRatio, warmupRatio, weightDecay, maxGradNorm, evalSteps, saveSteps, saveTotalLimit, seed);
        }
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
        return TrainConfig.builder(steps, perDeviceTrainBatchSize)
                .gradAccumSteps(gradientAccumulationSteps)
                .lr(learningRate, learningRate * minLrRatio, Math.round(steps * warmupRatio))
                .adam(new AdamW.Hyper(0.9, 0.999, 1e-8, weightDecay))
                .maxGradNorm(maxGradNorm)
                .evalEvery(evalSteps)
                .checkpointEvery(saveSteps)
                .keepCheckpoints(Math.max(1, saveTotalLimit))
                .seed(seed)
                .shuffle(true)
                .build();
    }
}
