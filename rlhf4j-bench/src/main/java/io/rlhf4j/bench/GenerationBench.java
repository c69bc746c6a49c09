package io.rlhf4j.bench;

import java.util.Random;

/** Generation throughput: new tokens per second for a batch of equal-length random prompts. */
public final class GenerationBench {
    public record Result(int batchSize, int promptLength, int newTokens, boolean kvCache, double seconds,
                         double tokensPerSecond) { }

    private GenerationBench() { }

    public static Result measure(BenchLm model, int vocab, int batchSize, int promptLength, int newTokens, boolean kvCache) {
        Random random = new Random(2);
        int[][] prompts = new int[batchSize][promptLength];
        for (int[] p : prompts) for (int j = 0; j < promptLength; j++) p[j] = random.nextInt(vocab);
        model.generate(new int[][] {prompts[0]}, 2, kvCache); // warm-up: first-call costs are not throughput
        long t0 = System.nanoTime();
        long generated = model.generate(prompts, newTokens, kvCache);
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Result(batchSize, promptLength, newTokens, kvCache, seconds, generated / seconds);
    }
}
