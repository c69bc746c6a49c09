package io.rlhf4j.train.bench;

import java.util.List;

/**
 * What the bench measures. {@link #full()} is the GPT-2-shaped model of the brief (8 layers, 512
 * wide, 256 context, 16k vocab); {@link #quick()} trims repeats and sizes to finish in a couple of
 * minutes on 2 cores; {@link #tiny()} only proves the plumbing (unit tests).
 *
 * @param noCacheNewTokens new tokens for the runs without KV cache (their cost grows with the square
 *                         of the length, so they use fewer; per-token cost without cache grows with
 *                         length, so the speedup measured this way is a lower bound)
 */
public record BenchOptions(
        List<Integer> matmulSizes,
        int matmulRepeats,
        int layers,
        int width,
        int heads,
        int context,
        int vocab,
        List<Integer> batchSizes,
        int warmupSteps,
        int measuredSteps,
        int promptLength,
        int newTokens,
        int noCacheNewTokens,
        List<Integer> generationBatches) {

    public static BenchOptions full() {
        return new BenchOptions(List.of(1024, 2048), 5, 8, 512, 8, 256, 16384, List.of(4, 8, 16, 32), 1, 3,
                16, 256, 64, List.of(1, 32));
    }

    public static BenchOptions quick() {
        return new BenchOptions(List.of(1024), 3, 8, 512, 8, 256, 16384, List.of(8), 1, 2, 16, 64, 16, List.of(1, 32));
    }

    public static BenchOptions tiny() {
        return new BenchOptions(List.of(64), 2, 2, 32, 2, 16, 64, List.of(2, 4), 1, 1, 4, 6, 6, List.of(1, 3));
    }
}
