package io.rlhf4j.train.reward;

import io.rlhf4j.train.TrainConfig;
import io.rlhf4j.train.optim.AdamW;

/**
 * The optimisation schedule the preference trainers share (reward model and DPO, TRL's naming): the
 * run is {@code maxSteps} when positive, else {@code numTrainEpochs} passes over the examples, with
 * warmup + cosine to {@code learningRate · minLrRatio}. Implemented by their config records, whose
 * components supply these accessors.
 */
public interface PreferenceSchedule {
    /**
     * Tokens one forward pass may hold. Attention keeps a [heads, T, T] array per sequence and layer
     * for backward, so memory grows with batch x T²: at 512 tokens a reward batch of 16 judgments in
     * one pass needed several GB for a 0.26M-parameter model. A batch over this budget runs as equal
     * micro-batches with gradient accumulation: the same optimizer step, a fraction of the memory.
     */
    int TOKENS_PER_PASS = 4096;

    double numTrainEpochs();

    int maxLength();

    long maxSteps();

    int perDeviceTrainBatchSize();

    double learningRate();

    double minLrRatio();

    double warmupRatio();

    double weightDecay();

    double maxGradNorm();

    int saveSteps();

    int saveTotalLimit();

    long seed();

    default long stepsPerEpoch(int examples) {
        return Math.max(1, (long) Math.ceil((double) examples / perDeviceTrainBatchSize()));
    }

    default long totalSteps(int examples) {
        if (maxSteps() > 0) return maxSteps();
        return Math.max(1, (long) Math.ceil(stepsPerEpoch(examples) * numTrainEpochs()));
    }

    /**
     * Examples (a pair, or a judgment with its pairs) per forward pass: the largest divisor of the
     * batch whose examples, two sequences of up to {@code maxLength} tokens each, fit {@link #TOKENS_PER_PASS}.
     */
    default int examplesPerPass() {
        int fit = Math.max(1, TOKENS_PER_PASS / (2 * maxLength()));
        for (int micro = Math.min(fit, perDeviceTrainBatchSize()); micro > 1; micro--) {
            if (perDeviceTrainBatchSize() % micro == 0) return micro;
        }
        return 1;
    }

    /** The training loop's settings; held-out evaluation is each trainer's own, not the loop's. */
    default TrainConfig toTrainConfig(int examples) {
        long steps = totalSteps(examples);
        int perPass = examplesPerPass();
        return TrainConfig.builder(steps, perPass)
                .gradAccumSteps(perDeviceTrainBatchSize() / perPass)
                .lr(learningRate(), learningRate() * minLrRatio(), Math.round(steps * warmupRatio()))
                .adam(new AdamW.Hyper(0.9, 0.999, 1e-8, weightDecay()))
                .maxGradNorm(maxGradNorm())
                .evalEvery(0)
                .checkpointEvery(saveSteps())
                .keepCheckpoints(Math.max(1, saveTotalLimit()))
                .seed(seed())
                .shuffle(true)
                .build();
    }
}
