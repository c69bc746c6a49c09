package io.rlhf4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Test-only model: a 2-layer tanh MLP regressing y = tanh(x0 - x1 + x2/2) from 4 inputs, with MSE loss. */
final class TinyRegression {
    record Example(float[] x, float y) { }

    static final int IN = 4;
    static final int HIDDEN = 16;

    private TinyRegression() { }

    /** Parameters drawn from {@code seed}, attached to {@code manager}. */
    static Map<String, NDArray> parameters(NDManager manager, long seed) {
        Random r = new Random(seed);
        Map<String, NDArray> p = new LinkedHashMap<>();
        p.put("w1", manager.create(randoms(r, IN * HIDDEN, 0.5f), new Shape(IN, HIDDEN)));
        p.put("b1", manager.create(randoms(r, HIDDEN, 0.1f), new Shape(HIDDEN)));
        p.put("w2", manager.create(randoms(r, HIDDEN, 0.5f), new Shape(HIDDEN, 1)));
        p.put("b2", manager.create(randoms(r, 1, 0.1f), new Shape(1)));
        return p;
    }

    static List<Example> data(int n, long seed) {
        Random r = new Random(seed);
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] x = randoms(r, IN, 1f);
            out.add(new Example(x, (float) Math.tanh(x[0] - x[1] + 0.5 * x[2])));
        }
        return out;
    }

    /** MSE objective; inputs go first in every op so results land on the step's manager. */
    static TrainObjective<Example> objective(Map<String, NDArray> p) {
        return (batch, manager) -> {
            float[] xs = new float[batch.size() * IN];
            float[] ys = new float[batch.size()];
            for (int i = 0; i < batch.size(); i++) {
                System.arraycopy(batch.get(i).x(), 0, xs, i * IN, IN);
                ys[i] = batch.get(i).y();
            }
            NDArray x = manager.create(xs, new Shape(batch.size(), IN));
            NDArray y = manager.create(ys, new Shape(batch.size(), 1));
            NDArray h = x.matMul(p.get("w1")).add(p.get("b1")).tanh();
            NDArray pred = h.matMul(p.get("w2")).add(p.get("b2"));
            NDArray loss = pred.sub(y).square().mean();
            return new TrainObjective.LossOutput(loss, batch.size());
        };
    }

    static float[] randoms(Random r, int n, float scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (r.nextGaussian() * scale);
        return a;
    }

    /** Parameter values copied to the heap, for comparisons after the arrays change or close. */
    static Map<String, float[]> snapshot(Map<String, NDArray> p) {
        Map<String, float[]> out = new LinkedHashMap<>();
        p.forEach((k, v) -> out.put(k, v.toFloatArray()));
        return out;
    }
}
