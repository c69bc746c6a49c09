package io.rlhf4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Constants that autograd saves must survive the garbage collector between forward and backward.
 * The churn below (GC, then many small direct buffers filled with NaN) turned DJL's own
 * {@code x.mul(3.0)} gradient into NaN or 0 in 20 of 20 tries when measured; these tests make the
 * same attack on {@link Scalars} and on whole models' backward passes.
 */
class ScalarsTest {
    private static final long[][] IDS = {{1, 5, 9, 31, 2, 7}, {0, 0, 1, 30, 12, 4}};
    private static final long[][] MASK = {{1, 1, 1, 1, 1, 1}, {0, 0, 1, 1, 1, 1}};

    @Test
    void savedConstantsSurviveGarbageCollection() throws InterruptedException {
        try (NDManager m = NDManager.newBaseManager()) {
            for (int trial = 0; trial < 5; trial++) {
                NDArray x = m.create(new float[] {1, 2, 3, 4});
                x.setRequiresGradient(true);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray y = Scalars.mul(x, 3.0).add(Scalars.div(x, 4.0)).add(Scalars.maximum(x, 2.5f)).sum();
                    churn();
                    gc.backward(y);
                }
                // d/dx: 3 + 1/4 + [x > 2.5]
                assertThat(x.getGradient().toFloatArray()).containsExactly(3.25f, 3.25f, 4.25f, 4.25f);
            }
        }
    }

    @Test
    void resultsAreThoseOfDjlsNumberOverloads() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomNormal(new ai.djl.ndarray.types.Shape(64));
            assertThat(Scalars.mul(x, 0.044715).toFloatArray()).containsExactly(x.mul(0.044715).toFloatArray());
            assertThat(Scalars.div(x, -7f).toFloatArray()).containsExactly(x.div(-7f).toFloatArray());
            assertThat(Scalars.maximum(x, 0f).toFloatArray()).containsExactly(x.maximum(0f).toFloatArray());
            assertThat(Scalars.constant(m, 3).getDataType()).isEqualTo(m.create(3).getDataType());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama", "gpt2"})
    void modelGradientsAreUnchangedByGarbageCollectionBeforeBackward(String arch) throws InterruptedException {
        ModelConfig config = arch.equals("gpt2") ? TinyModels.GPT2 : TinyModels.LLAMA;
        try (NDManager m = NDManager.newBaseManager()) {
            // two copies of the same seeded weights, one backward pass each (gradients accumulate)
            Map<String, float[]> quiet = gradients(TinyModels.create(config, m, 5, DataType.FLOAT32), m, false);
            Map<String, float[]> churned = gradients(TinyModels.create(config, m, 5, DataType.FLOAT32), m, true);
            for (String name : quiet.keySet()) {
                assertThat(churned.get(name)).as(name).containsExactly(quiet.get(name));
            }
        }
    }

    private static Map<String, float[]> gradients(CausalLm model, NDManager parent, boolean churn)
            throws InterruptedException {
        Map<String, float[]> out = new LinkedHashMap<>();
        model.parameters().values().forEach(p -> p.setRequiresGradient(true));
        try (NDManager step = parent.newSubManager()) {
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray logits = model.forward(TinyModels.ids(step, IDS), TinyModels.ids(step, MASK));
                NDArray loss = logits.logSoftmax(-1).mean();
                if (churn) churn();
                gc.backward(loss);
            }
            for (var e : model.parameters().entrySet()) {
                NDArray g = e.getValue().getGradient();
                out.put(e.getKey(), g.toFloatArray());
                g.close();
            }
        }
        return out;
    }

    /** Lets the GC free unreachable direct buffers, then reuses such memory for NaNs on several threads. */
    private static void churn() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(10);
        }
        Function<Integer, List<ByteBuffer>> fill = n -> {
            List<ByteBuffer> keep = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ByteBuffer b = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
                b.putDouble(0, Double.NaN);
                keep.add(b);
            }
            return keep;
        };
        List<ByteBuffer> mine = fill.apply(2000);
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> fill.apply(2000));
            threads[t].start();
        }
        for (Thread t : threads) t.join();
        assertThat(mine).hasSize(2000);
    }
}
