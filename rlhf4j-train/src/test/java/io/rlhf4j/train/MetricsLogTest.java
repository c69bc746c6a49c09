package io.rlhf4j.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsLogTest {
    private static StepMetrics step(long n, Double eval) {
        return new StepMetrics(n, 10, 0.5, 2.5 / n, 1e-3, 0.7, 1.0, 128, 128 * n, 1000, 10, 20, 1, 31, n, eval);
    }

    @Test
    void writesOneJsonObjectPerStepAndDropsStepsARestartRedoes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("training_log.jsonl");
        MetricsLog log = new MetricsLog(file);
        log.onStart(0, 10);
        for (long n = 1; n <= 6; n++) log.onStep(step(n, n == 5 ? 1.25 : null));
        log.close();
        Files.writeString(file, "{\"step\":7,\"lo", java.nio.file.StandardOpenOption.APPEND); // torn by a kill

        List<String> lines = Files.readAllLines(file);
        JsonNode fifth = new ObjectMapper().readTree(lines.get(4));
        assertThat(fifth.get("step").asLong()).isEqualTo(5);
        assertThat(fifth.get("eval_loss").asDouble()).isEqualTo(1.25);
        assertThat(fifth.get("tokens_per_s").asDouble()).isEqualTo(1000);
        assertThat(new ObjectMapper().readTree(lines.get(3)).has("eval_loss")).isFalse();

        // resumed from the checkpoint at step 4: steps 5, 6 and the torn line are redone
        MetricsLog resumed = new MetricsLog(file);
        resumed.onStart(4, 10);
        resumed.onStep(step(5, null));
        resumed.close();
        List<Long> steps = Files.readAllLines(file).stream()
                .map(l -> { try { return new ObjectMapper().readTree(l).get("step").asLong(); } catch (Exception e) { throw new RuntimeException(e); } })
                .toList();
        assertThat(steps).containsExactly(1L, 2L, 3L, 4L, 5L);
    }
}
