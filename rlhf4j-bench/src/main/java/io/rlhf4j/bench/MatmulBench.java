package io.rlhf4j.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The engine's practical fp32 peak: best-of-N time of an n x n by n x n matmul (2 n^3 FLOPs).
 * This, not a datasheet number, is the denominator of MFU, so MFU says how much of what this
 * machine's BLAS can do the training loop actually gets.
 */
public final class MatmulBench {
    /** @param seconds best wall time of one matmul; {@code gflops} = 2 n^3 / seconds / 1e9 */
    public record Result(int n, int repeats, double seconds, double gflops) { }

    private MatmulBench() { }

    public static Result measure(int n, int repeats, NDManager parent) {
        try (NDManager m = parent.newSubManager()) {
            NDArray a = m.randomUniform(-1, 1, new Shape(n, n), DataType.FLOAT32);
            NDArray b = m.randomUniform(-1, 1, new Shape(n, n), DataType.FLOAT32);
            try (NDArray warm = a.matMul(b)) {
                warm.getFloat(0, 0); // first call pays BLAS thread-pool start-up
            }
            double best = Double.MAX_VALUE;
            for (int i = 0; i < repeats; i++) {
                long t0 = System.nanoTime();
                try (NDArray c = a.matMul(b)) {
                    best = Math.min(best, (System.nanoTime() - t0) / 1e9);
                }
            }
            return new Result(n, repeats, best, 2.0 * n * n * n / best / 1e9);
        }
    }
}
