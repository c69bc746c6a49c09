package io.rlhf4j.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
 * Writes one JSON object per optimizer step to a JSONL file ({@code training_log.jsonl}), flushed
 * per line so a killed run keeps its log. On resume, lines past the resumed step (steps the killed
 * run did after its last checkpoint, which the resumed run redoes) are dropped first, so the log
 * reads as one clean run.
 */
public final class MetricsLog implements TrainingListener, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private BufferedWriter out;

    public MetricsLog(Path file) {
        this.file = file;
    }

    @Override
    public void onStart(long startStep, long maxSteps) {
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
            throw new UncheckedIOException("cannot open training log " + file, e);
        }
    }

    @Override
    public void onStep(StepMetrics metrics) {
        try {
            out.write(JSON.writeValueAsString(metrics));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write training log " + file, e);
        }
    }

    @Override
    public void onEnd(TrainResult result) {
        close();
    }

    @Override
    public void close() {
        if (out == null) return;
        try {
            out.close();
            out = null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
