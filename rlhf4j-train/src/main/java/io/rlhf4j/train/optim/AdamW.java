package io.rlhf4j.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AdamW (decoupled weight decay) over a named parameter map. Each parameter is updated by the
 * engine's fused adam kernel (one JNI call instead of a dozen element-wise ops), and we keep the
 * moments ourselves, keyed by parameter name, so a checkpoint can save and restore them exactly
 * (DJL's own {@code Adam} keeps them private).
 *
 * <p>Weight decay applies only to matrices (rank >= 2): decaying biases and norm gains pulls them
 * towards 0 for no benefit, the GPT-2 / nanoGPT convention.
 */
public final class AdamW implements AutoCloseable {

    /** Adam's constants; the learning rate comes per step from an {@link LrSchedule}. */
    public record Hyper(double beta1, double beta2, double eps, double weightDecay) {
        public Hyper {
            if (beta1 < 0 || beta1 >= 1) throw new IllegalArgumentException("beta1 must be in [0,1), got " + beta1);
            if (beta2 < 0 || beta2 >= 1) throw new IllegalArgumentException("beta2 must be in [0,1), got " + beta2);
            if (!(eps > 0)) throw new IllegalArgumentException("eps must be > 0, got " + eps);
            if (weightDecay < 0) throw new IllegalArgumentException("weightDecay must be >= 0, got " + weightDecay);
        }

        public static Hyper defaults() {
            return new Hyper(0.9, 0.95, 1e-8, 0.1);
        }
    }

    private final Hyper hyper;
    private final NDManager stateManager;
    private final Map<String, NDArray> firstMoments = new LinkedHashMap<>();
    private final Map<String, NDArray> secondMoments = new LinkedHashMap<>();
    private long steps;

    /** Moments live in a sub-manager of {@code parent}; {@link #close()} frees them. */
    public AdamW(Hyper hyper, NDManager parent) {
        this.hyper = hyper;
        this.stateManager = parent.newSubManager();
    }

    /**
     * One update of every parameter that has a gradient in {@code grads}. The effective gradient is
     * {@code grads[name] * gradScale} (this is where accumulation averaging and norm clipping go, at no
     * extra op). The kernel zeroes each parameter's stored gradient afterwards, ready for the next step.
     */
    public void step(Map<String, NDArray> params, Map<String, NDArray> grads, double lr, double gradScale) {
        long t = steps + 1;
        double biasCorrection = Math.sqrt(1 - Math.pow(hyper.beta2, t)) / (1 - Math.pow(hyper.beta1, t));
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            NDArray grad = grads.get(e.getKey());
            if (grad == null) continue;
            NDArray weight = e.getValue();
            NDArray m = firstMoments.computeIfAbsent(e.getKey(), k -> zerosLike(weight));
            NDArray v = secondMoments.computeIfAbsent(e.getKey(), k -> zerosLike(weight));
            float decay = weight.getShape().dimension() >= 2 ? (float) hyper.weightDecay : 0f;
            weight.getNDArrayInternal().adamUpdate(
                    new NDList(weight, grad, m, v), new NDList(weight),
                    (float) lr, (float) (lr * biasCorrection), decay, (float) gradScale,
                    -1f /* no element clipping: we clip by global norm */,
                    (float) hyper.beta1, (float) hyper.beta2, (float) hyper.eps,
                    false, true /* decoupled (AdamW) decay */);
        }
        steps = t;
    }

    /** Updates applied so far: Adam's bias-correction step t. */
    public long steps() {
        return steps;
    }

    public Hyper hyper() {
        return hyper;
    }

    /** The first moments by parameter name (live arrays: read, do not close). */
    public Map<String, NDArray> firstMoments() {
        return Collections.unmodifiableMap(firstMoments);
    }

    /** The second moments by parameter name (live arrays: read, do not close). */
    public Map<String, NDArray> secondMoments() {
        return Collections.unmodifiableMap(secondMoments);
    }

    /** Replaces the state with a checkpoint's: the arrays are copied into this optimizer's own memory. */
    public void restore(long steps, Map<String, NDArray> first, Map<String, NDArray> second) {
        if (!first.keySet().equals(second.keySet())) {
            throw new IllegalArgumentException("optimizer state: first and second moments name different parameters");
        }
        firstMoments.values().forEach(NDArray::close);
        secondMoments.values().forEach(NDArray::close);
        firstMoments.clear();
        secondMoments.clear();
        first.forEach((name, a) -> firstMoments.put(name, copy(a)));
        second.forEach((name, a) -> secondMoments.put(name, copy(a)));
        this.steps = steps;
    }

    private NDArray zerosLike(NDArray weight) {
        return stateManager.zeros(weight.getShape(), weight.getDataType(), weight.getDevice());
    }

    private NDArray copy(NDArray a) {
        NDArray c = a.duplicate();
        c.attach(stateManager);
        return c;
    }

    @Override
    public void close() {
        stateManager.close();
    }
}
