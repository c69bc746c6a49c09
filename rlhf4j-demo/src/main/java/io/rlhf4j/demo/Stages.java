package io.rlhf4j.demo;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wall time per stage and, when a console is given, one progress bar per stage. Without a console
 * (tests) nothing is drawn; the times are recorded either way for summary.json.
 */
public final class Stages {
    private final PrintStream console;
    private final Map<String, Double> seconds = new LinkedHashMap<>();

    public Stages(PrintStream console) {
        this.console = console;
    }

    /** A running stage: advance it with {@link Stage#step}, close it to record its time. */
    public final class Stage implements AutoCloseable {
        private final String name;
        private final long started = System.nanoTime();
        private final ProgressBar bar;
        private long done;

        private Stage(String name, long total) {
            this.name = name;
            this.bar = console == null ? null : new ProgressBarBuilder().setTaskName(String.format("%-18s", name))
                    .setInitialMax(Math.max(1, total)).setStyle(ProgressBarStyle.ASCII).setConsumer(
                            new me.tongfei.progressbar.ConsoleProgressBarConsumer(console)).continuousUpdate().build();
        }

        public void step() {
            stepTo(done + 1);
        }

        public void stepTo(long n) {
            done = n;
            if (bar != null) bar.stepTo(n);
        }

        public void maxHint(long total) {
            if (bar != null) bar.maxHint(total);
        }

        public void message(String text) {
            if (bar != null) bar.setExtraMessage(" " + text);
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.stepTo(Math.max(done, bar.getMax()));
                bar.close();
            }
            seconds.merge(name, (System.nanoTime() - started) / 1e9, Double::sum);
        }
    }

    public Stage start(String name, long total) {
        return new Stage(name, total);
    }

    /** Seconds per stage name (a stage run in several rounds adds up), in order of first start. */
    public Map<String, Double> seconds() {
        return new LinkedHashMap<>(seconds);
    }
}
