package io.rlhf4j.train.rl;

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
 * The one JSONL log of every RL algorithm: a line per step, flushed per line so a killed run keeps
 * it. On resume, lines past the resumed step (work the killed run did after its last checkpoint,
 * which the resumed run redoes) and a torn last line are dropped first.
 */
public final class RlMetricsLog implements RlListener, AutoCloseable {
    public static final String FILE = "rl_log.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private BufferedWriter out;

    public RlMetricsLog(Path file) {
        this.file = file;
    }

    @Override
    public void onStart(long startStep) {
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            List<String> kept = new ArrayList<>();
            if (startStep > 0 && Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    try {
                        JsonNode node = JSON.readTree(line);
                        if (node != null && node.path("step").asLong(Long.MAX_VALUE) <= startStep) kept.add(line);
                    } catch (IOException torn) {
                        // the last line of a killed run may be cut off mid-write
                    }
                }
            }
            Files.write(file, kept, StandardCharsets.UTF_8);
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open RL log " + file, e);
        }
    }

    @Override
    public void onStep(RlStepMetrics metrics) {
        try {
            out.write(JSON.writeValueAsString(metrics));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write RL log " + file, e);
        }
    }

    @Override
    public void onEnd(RlResult result) {
        close();
    }

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
