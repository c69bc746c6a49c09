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
    double numTrainEpochs();

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

    /** The training loop's settings; held-out evaluation is each trainer's own, not the loop's. */
    default TrainConfig toTrainConfig(int examples) {
        long steps = totalSteps(examples);
        return TrainConfig.builder(steps, perDeviceTrainBatchSize())
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
