package io.rlhf4j.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rlhf4j.train.rl.RlListener;
import io.rlhf4j.train.rl.RlResult;
import io.rlhf4j.train.rl.RlStepMetrics;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one JSON object per step to a JSONL file, flushed per line so a killed run keeps its log:
 * {@value #TRAIN_FILE} for the supervised loops (SFT, reward model, DPO), {@value #RL_FILE} for the
 * RL algorithms, hence both listener interfaces. On resume, lines past the resumed step (steps the
 * killed run did after its last checkpoint, which the resumed run redoes) and a torn last line are
 * dropped first, so the log reads as one clean run.
 */
public final class MetricsLog implements TrainingListener, RlListener, AutoCloseable {
    public static final String TRAIN_FILE = "training_log.jsonl";
    public static final String RL_FILE = "rl_log.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private BufferedWriter out;

    public MetricsLog(Path file) {
        this.file = file;
    }

    /** Opens the log for a run starting after {@code startStep} (0: a fresh run, which truncates the file). */
    public void open(long startStep) {
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            List<String> kept = new ArrayList<>();
            if (startStep > 0 && Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.isBlank()) continue;
                    JsonNode node;
                    try {
                        node = JSON.readTree(line);
                    } catch (IOException torn) {
                        continue; // the last line of a killed run may be cut off mid-write
                    }
                    if (node.path("step").asLong(Long.MAX_VALUE) <= startStep) kept.add(line);
                }
            }
            Files.write(file, kept, StandardCharsets.UTF_8);
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open metrics log " + file, e);
        }
    }

    /** Appends one step's record (a record serialised by Jackson) as a line. */
    public void write(Object stepMetrics) {
        try {
            out.write(JSON.writeValueAsString(stepMetrics));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write metrics log " + file, e);
        }
    }

    @Override
    public void onStart(long startStep, long maxSteps) { open(startStep); }

    @Override
    public void onStart(long startStep) { open(startStep); }

    @Override
    public void onStep(StepMetrics metrics) { write(metrics); }

    @Override
    public void onStep(RlStepMetrics metrics) { write(metrics); }

    @Override
    public void onEnd(TrainResult result) { close(); }

    @Override
    public void onEnd(RlResult result) { close(); }

    @Override
    public void close() {
        if (out == null) return;
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            out = null;
        }
    }
}
