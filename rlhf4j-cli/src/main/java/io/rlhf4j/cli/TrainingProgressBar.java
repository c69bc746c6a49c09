package io.rlhf4j.cli;

import io.rlhf4j.train.StepMetrics;
import io.rlhf4j.train.TrainResult;
import io.rlhf4j.train.TrainingListener;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.nio.file.Path;

/** Renders training progress as a terminal progress bar: steps, loss, eval loss, tokens/s. */
final class TrainingProgressBar implements TrainingListener {
    private final String task;
    private ProgressBar bar;
    private Double lastEval;

    TrainingProgressBar(String task) {
        this.task = task;
    }

    @Override
    public void onStart(long startStep, long maxSteps) {
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(maxSteps).setStyle(ProgressBarStyle.ASCII)
                .setUnit(" steps", 1).showSpeed().startsFrom(startStep, java.time.Duration.ZERO).build();
        if (startStep > 0) bar.setExtraMessage(" resumed at step " + startStep);
    }

    @Override
    public void onStep(StepMetrics m) {
        if (m.evalLoss() != null) lastEval = m.evalLoss();
        bar.stepTo(m.step());
        bar.setExtraMessage(String.format(" loss %.4f%s lr %.2e %.0f tok/s", m.loss(),
                lastEval == null ? "" : String.format(" eval %.4f", lastEval), m.lr(), m.tokensPerSecond()));
    }

    @Override
    public void onCheckpoint(long step, Path folder) {
        if (bar != null) bar.setExtraMessage(" checkpoint " + folder.getFileName());
    }

    @Override
    public void onEnd(TrainResult result) {
        if (bar != null) bar.close();
    }
}
