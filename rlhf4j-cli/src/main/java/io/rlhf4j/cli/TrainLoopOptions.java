package io.rlhf4j.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The options every supervised trainer's command shares ({@code train sft|reward|dpo}): output,
 * run length, batch, learning rate, length, checkpoints and seed. Each command builds one from its
 * config's {@code defaults()}, so the help shows the trainer's own defaults and no number is
 * restated here.
 */
final class TrainLoopOptions {
    @Option(names = "--out", required = true, description = "Output directory (HF layout, training_log.jsonl, checkpoints/).")
    Path out;

    @Option(names = "--max-steps", description = "Optimizer steps; overrides --epochs when > 0. Default: ${DEFAULT-VALUE}.")
    long maxSteps;

    @Option(names = "--epochs", description = "Passes over the training data. Default: ${DEFAULT-VALUE}.")
    double epochs;

    @Option(names = "--batch-size", description = "Examples per step (train reward: judgments, a ranking counting once). "
            + "Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--lr", description = "Peak learning rate. Default: ${DEFAULT-VALUE}.")
    double lr;

    @Option(names = "--max-length", description = "Tokens per example, prompt + response (capped by the model). Default: ${DEFAULT-VALUE}.")
    int maxLength;

    @Option(names = "--save-steps", description = "Checkpoint interval in steps. Default: ${DEFAULT-VALUE}.")
    int saveSteps;

    @Option(names = "--seed", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    TrainLoopOptions(long maxSteps, double epochs, int batchSize, double lr, int maxLength, int saveSteps, long seed) {
        this.maxSteps = maxSteps;
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.lr = lr;
        this.maxLength = maxLength;
        this.saveSteps = saveSteps;
        this.seed = seed;
    }
}
