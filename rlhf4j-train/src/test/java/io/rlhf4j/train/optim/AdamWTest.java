package io.rlhf4j.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class AdamWTest {

    /** The textbook AdamW step in plain Java, for one element. Returns {w, m, v}. */
    private static double[] reference(double w, double g, double m, double v, long t, double lr, AdamW.Hyper h, double decay) {
        w -= lr * decay * w;
        m = h.beta1() * m + (1 - h.beta1()) * g;
        v = h.beta2() * v + (1 - h.beta2()) * g * g;
        double stepSize = lr * Math.sqrt(1 - Math.pow(h.beta2(), t)) / (1 - Math.pow(h.beta1(), t));
        w -= stepSize * m / (Math.sqrt(v) + h.eps());
        return new double[] {w, m, v};
    }

    @Test
    void fusedUpdateMatchesTheTextbookFormulaOverSeveralSteps() {
        AdamW.Hyper hyper = new AdamW.Hyper(0.9, 0.95, 1e-8, 0.1);
        try (NDManager manager = NDManager.newBaseManager(); AdamW adam = new AdamW(hyper, manager)) {
            NDArray matrix = manager.create(new float[] {0.5f, -1f, 2f, 0.25f}, new Shape(2, 2));
            NDArray bias = manager.create(new float[] {1f, -2f});
            Map<String, NDArray> params = new LinkedHashMap<>();
            params.put("matrix", matrix);
            params.put("bias", bias);
            float[] gm = {0.1f, -0.2f, 0.3f, 0.05f};
            float[] gb = {-1f, 0.5f};
            double[][] refM = new double[4][];
            double[][] refB = new double[2][];
            for (int i = 0; i < 4; i++) refM[i] = new double[] {matrix.toFloatArray()[i], 0, 0};
            for (int i = 0; i < 2; i++) refB[i] = new double[] {bias.toFloatArray()[i], 0, 0};
            double scale = 0.5; // accumulation/clipping factor applied to the gradient
            for (long t = 1; t <= 3; t++) {
                double lr = 0.01 * t;
                Map<String, NDArray> grads = Map.of("matrix", manager.create(gm, new Shape(2, 2)), "bias", manager.create(gb));
                adam.step(params, grads, lr, scale);
                for (int i = 0; i < 4; i++) refM[i] = reference(refM[i][0], gm[i] * scale, refM[i][1], refM[i][2], t, lr, hyper, 0.1);
                for (int i = 0; i < 2; i++) refB[i] = reference(refB[i][0], gb[i] * scale, refB[i][1], refB[i][2], t, lr, hyper, 0);
            }
            assertThat(adam.steps()).isEqualTo(3);
            float[] w = matrix.toFloatArray();
            float[] b = bias.toFloatArray();
            for (int i = 0; i < 4; i++) assertThat((double) w[i]).isCloseTo(refM[i][0], offset(1e-6));
            // biases get no weight decay
            for (int i = 0; i < 2; i++) assertThat((double) b[i]).isCloseTo(refB[i][0], offset(1e-6));
            float[] m = adam.firstMoments().get("matrix").toFloatArray();
            for (int i = 0; i < 4; i++) assertThat((double) m[i]).isCloseTo(refM[i][1], offset(1e-7));
        }
    }

    @Test
    void restoredStateContinuesExactlyLikeTheOriginal() {
        AdamW.Hyper hyper = AdamW.Hyper.defaults();
        try (NDManager manager = NDManager.newBaseManager();
             AdamW first = new AdamW(hyper, manager);
             AdamW second = new AdamW(hyper, manager)) {
            NDArray a = manager.create(new float[] {1, 2, 3, 4}, new Shape(2, 2));
            NDArray b = a.duplicate();
            NDArray g = manager.create(new float[] {0.3f, -0.1f, 0.2f, 0.7f}, new Shape(2, 2));
            first.step(Map.of("p", a), Map.of("p", g), 0.1, 1);
            first.step(Map.of("p", a), Map.of("p", g), 0.1, 1);
            b.set(a.toByteBuffer());
            second.restore(first.steps(), first.firstMoments(), first.secondMoments());
            first.step(Map.of("p", a), Map.of("p", g), 0.1, 1);
            second.step(Map.of("p", b), Map.of("p", g), 0.1, 1);
            assertThat(b.toFloatArray()).containsExactly(a.toFloatArray());
            assertThat(List.of(second.steps())).containsExactly(3L);
        }
    }
}
