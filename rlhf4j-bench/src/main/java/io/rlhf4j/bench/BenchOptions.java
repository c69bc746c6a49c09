package io.rlhf4j.bench;

import java.util.List;

/**
 * What the bench measures. {@link #full()} is the GPT-2-shaped model of the brief (8 layers, 512
 * wide, 256 context, 16k vocab); {@link #quick()} trims repeats and sizes to finish in about a
 * minute on 2 cores; {@link #tiny()} only proves the plumbing (unit tests).
 *
 * @param generation  one case per generation batch size
 * @param memorySteps training steps of the memory-flatness run (0: skip it)
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
        List<GenerationCase> generation,
        long memorySteps) {

    /**
     * Generation at {@code batch}: {@code newTokens} with the KV cache, {@code noCacheNewTokens}
     * without. Without a cache a step recomputes the whole sequence, so its per-token cost grows with
     * the length: where {@code noCacheNewTokens < newTokens} (batch 32 at 256 tokens would take many
     * minutes on 2 cores) the speedup measured is a lower bound, and the report says so.
     */
    public record GenerationCase(int batch, int newTokens, int noCacheNewTokens) { }

    public static BenchOptions full() {
        return new BenchOptions(List.of(1024, 2048), 5, 8, 512, 8, 256, 16384, List.of(4, 8, 16, 32), 1, 3, 16,
                // batch 8 runs both ways for all 256 tokens: a measured speedup where batch 1 is bound by
                // reading the weights once per token and batch 32's no-cache side would take many minutes
                List.of(new GenerationCase(1, 256, 256), new GenerationCase(8, 256, 256), new GenerationCase(32, 256, 16)), 10_000);
    }

    public static BenchOptions quick() {
        return new BenchOptions(List.of(1024), 3, 8, 512, 8, 256, 16384, List.of(8), 1, 2, 16,
                List.of(new GenerationCase(1, 256, 256), new GenerationCase(32, 64, 8)), 1_000);
    }

    public static BenchOptions tiny() {
        return new BenchOptions(List.of(64), 2, 2, 32, 2, 16, 64, List.of(2, 4), 1, 1, 4,
                List.of(new GenerationCase(1, 6, 6), new GenerationCase(3, 6, 3)), 30);
    }

    /** Positions the generation model needs: prompt plus the longest generation. */
    public int generationPositions() {
        return promptLength + generation.stream().mapToInt(GenerationCase::newTokens).max().orElse(0);
    }
}
