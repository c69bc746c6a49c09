package io.rlhf4j.train;

import java.nio.file.Path;

/**
 * Progress callbacks, called on the training thread. The train module never prints: a CLI renders
 * these as a progress bar, a test collects them, {@link MetricsLog} writes them as JSONL.
 */
public interface TrainingListener {
    /** Before the first step; {@code startStep} > 0 when the run resumed from a checkpoint. */
    default void onStart(long startStep, long maxSteps) { }

    /** After each optimizer step (and the evaluation, if one ran at this step). */
    default void onStep(StepMetrics metrics) { }

    /** After a checkpoint was completely written. */
    default void onCheckpoint(long step, Path folder) { }

    /** When the run ends, normally or by {@link TrainingLoop#requestStop()}. */
    default void onEnd(TrainResult result) { }
}
