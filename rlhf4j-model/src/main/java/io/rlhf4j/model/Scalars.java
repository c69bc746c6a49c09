package io.rlhf4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Scalar constants for arithmetic whose operands autograd keeps for the backward pass. Use these
 * instead of DJL's {@code x.mul(0.5)}, {@code x.div(n)}, {@code x.pow(3)}, {@code x.maximum(0f)}
 * on anything that may require a gradient.
 *
 * <p>Why: DJL's PyTorch engine turns the number into a 0-d array over a Java direct buffer
 * ({@code torch::from_blob}, no copy) and closes that array right after the op. Autograd still
 * holds the tensor (mul, div, pow and maximum save their other operand), but nothing on the Java
 * side holds the buffer any more, so the garbage collector frees its memory and the backward pass
 * reads whatever was allocated there next. Measured on the memory bench's 2-layer GPT-2: NaN
 * gradients at steps 194, 228 and 689 of three identical runs, at step 75 with a {@code System.gc()}
 * every 25 steps. (Add and sub do not save their operand; comparisons are not differentiated.)
 *
 * <p>The arrays made here are copies whose memory libtorch owns, so closing them is safe even while
 * autograd still uses them.
 */
public final class Scalars {
    private Scalars() {}

    /**
     * {@code value} as a 0-d array in {@code manager}, with the dtype DJL's own {@code Number}
     * overloads give it (Double: float64, Float: float32, Integer: int32), so results are bit-for-bit
     * those of {@code x.mul(value)}.
     */
    public static NDArray constant(NDManager manager, Number value) {
        try (NDArray wrapped = manager.create(value)) {
            return wrapped.duplicate();
        }
    }

    /** x * c. */
    public static NDArray mul(NDArray x, Number c) {
        try (NDArray s = constant(x.getManager(), c)) {
            return x.mul(s);
        }
    }

    /** x / c. */
    public static NDArray div(NDArray x, Number c) {
        try (NDArray s = constant(x.getManager(), c)) {
            return x.div(s);
        }
    }

    /** max(x, c) elementwise. */
    public static NDArray maximum(NDArray x, Number c) {
        try (NDArray s = constant(x.getManager(), c)) {
            return x.maximum(s);
        }
    }
}
