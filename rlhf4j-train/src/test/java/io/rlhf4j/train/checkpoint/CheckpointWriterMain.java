package io.rlhf4j.train.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.rlhf4j.train.data.DataCursor;
import io.rlhf4j.train.optim.AdamW;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test helper run as a separate JVM: saves checkpoints forever, each with every parameter element
 * equal to its step, so a test can {@code kill -9} it mid-write and check what {@code latest} holds.
 */
public final class CheckpointWriterMain {
    public static void main(String[] args) throws Exception {
        CheckpointStore store = new CheckpointStore(Path.of(args[0]), 2);
        try (NDManager m = NDManager.newBaseManager(); AdamW adam = new AdamW(AdamW.Hyper.defaults(), m)) {
            for (long step = 1; ; step++) {
                Map<String, NDArray> params = KillSafetyParams.filled(m, step);
                store.save(new TrainingState(step, new DataCursor(0, (int) step), step * 10, 1), params, adam);
                params.values().forEach(NDArray::close);
                System.out.println("saved " + step);
                System.out.flush();
            }
        }
    }

    /** Shared with the test: two 2M-element parameters, so a save takes long enough to be interrupted. */
    static final class KillSafetyParams {
        static Map<String, NDArray> filled(NDManager m, long value) {
            Map<String, NDArray> p = new LinkedHashMap<>();
            p.put("a", m.full(new Shape(1024, 2048), (float) value));
            p.put("b", m.full(new Shape(2048, 1024), (float) value));
            return p;
        }
    }
}
