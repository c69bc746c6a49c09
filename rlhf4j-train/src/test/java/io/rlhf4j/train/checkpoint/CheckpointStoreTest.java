package io.rlhf4j.train.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.rlhf4j.train.data.DataCursor;
import io.rlhf4j.train.optim.AdamW;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckpointStoreTest {

    @Test
    void aWriteThatFailsHalfwayLeavesTheLatestCheckpointIntact(@TempDir Path dir) throws Exception {
        CheckpointStore store = new CheckpointStore(dir, 3);
        try (NDManager m = NDManager.newBaseManager(); AdamW adam = new AdamW(AdamW.Hyper.defaults(), m)) {
            store.save(new TrainingState(4, new DataCursor(1, 3), 400, 7), Map.of("w", m.create(new float[] {4, 4})), adam);
            NDArray broken = m.create(new float[] {8, 8});
            broken.close(); // reading its bytes fails in the middle of writing the model file
            assertThatThrownBy(() -> store.save(new TrainingState(8, new DataCursor(2, 0), 800, 7),
                    Map.of("w", broken), adam)).isInstanceOf(IllegalStateException.class);
            assertThat(store.latest()).hasValueSatisfying(p -> assertThat(p.getFileName().toString()).isEqualTo("step-000004"));
            NDArray w = m.create(new float[] {0, 0});
            TrainingState state = CheckpointStore.restore(store.latest().orElseThrow(), Map.of("w", w), adam);
            assertThat(state).isEqualTo(new TrainingState(4, new DataCursor(1, 3), 400, 7));
            assertThat(w.toFloatArray()).containsExactly(4, 4);
            // the next successful save clears the half-written leftovers
            store.save(new TrainingState(9, new DataCursor(2, 1), 900, 7), Map.of("w", m.create(new float[] {9, 9})), adam);
            try (Stream<Path> s = Files.list(dir)) {
                assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
                        .containsExactly("latest", "step-000004", "step-000009");
            }
        }
    }

    @Test
    void keepsOnlyTheNewestCheckpointsAndRefusesAMismatchedModel(@TempDir Path dir) throws Exception {
        CheckpointStore store = new CheckpointStore(dir, 2);
        try (NDManager m = NDManager.newBaseManager(); AdamW adam = new AdamW(AdamW.Hyper.defaults(), m)) {
            for (int step = 1; step <= 4; step++) {
                store.save(new TrainingState(step, DataCursor.start(), 0, 1), Map.of("w", m.create(new float[] {step})), adam);
            }
            try (Stream<Path> s = Files.list(dir)) {
                assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
                        .containsExactly("latest", "step-000003", "step-000004");
            }
            assertThatThrownBy(() -> CheckpointStore.restore(store.latest().orElseThrow(),
                    Map.of("other", m.create(new float[] {0})), adam)).hasMessageContaining("differ");
            assertThatThrownBy(() -> CheckpointStore.restore(store.latest().orElseThrow(),
                    Map.of("w", m.create(new float[] {0, 0})), adam)).hasMessageContaining("in the checkpoint");
        }
    }

    @Test
    void killDashNineDuringSavesNeverLeavesABrokenLatest(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int attempt = 0; attempt < 3; attempt++) {
            Path root = dir.resolve("run" + attempt);
            Process p = new ProcessBuilder(java, "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                    CheckpointWriterMain.class.getName(), root.toString()).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()));
            int target = 2 + attempt; // wait for a few complete saves, then kill at a varying moment of the next one
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.equals("saved " + target)) break;
            }
            Thread.sleep(5 + 17L * attempt);
            p.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

            CheckpointStore store = new CheckpointStore(root, 2);
            try (NDManager m = NDManager.newBaseManager(); AdamW adam = new AdamW(AdamW.Hyper.defaults(), m)) {
                Map<String, NDArray> params = CheckpointWriterMain.KillSafetyParams.filled(m, 0);
                TrainingState state = CheckpointStore.restore(store.latest().orElseThrow(), params, adam);
                assertThat(state.step()).isGreaterThanOrEqualTo(target);
                for (NDArray a : params.values()) {
                    // every element of the model file was written by the same save as state.json
                    assertThat(a.min().getFloat()).isEqualTo((float) state.step());
                    assertThat(a.max().getFloat()).isEqualTo((float) state.step());
                }
                assertThat(List.of(state.cursor().position())).containsExactly((int) state.step());
            }
        }
    }
}
