package io.rlhf4j.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

import java.util.Collection;

/** Global L2 norm over many gradients and the clipping factor derived from it. */
public final class GradientNorm {
    private GradientNorm() { }

    /**
     * sqrt(sum of squares of every element of every array), in one host sync: one norm op per
     * array, then a stack and a final norm (each JNI call costs ~15 µs, so no per-element work here).
     * Intermediates are attached to {@code scratch}, which the caller closes.
     */
    public static double of(Collection<NDArray> grads, NDManager scratch) {
        if (grads.isEmpty()) return 0;
        NDList norms = new NDList(grads.size());
        for (NDArray g : grads) {
            NDArray n = g.norm();
            n.attach(scratch);
            norms.add(n);
        }
        NDArray stacked = NDArrays.stack(norms);
        stacked.attach(scratch);
        NDArray total = stacked.norm();
        total.attach(scratch);
        return total.getFloat();
    }

    /** The factor that scales gradients down to {@code maxNorm}; 1 when within it or clipping is off (maxNorm <= 0). */
    public static double clipFactor(double norm, double maxNorm) {
        if (maxNorm <= 0 || !(norm > maxNorm)) return 1.0;
        return maxNorm / (norm + 1e-6);
    }
}
