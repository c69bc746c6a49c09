package io.rlhf4j.bench;

import ai.djl.ndarray.NDManager;

/** Builds the GPT-2-shaped model the bench measures, freshly initialised, on {@code manager}. */
@FunctionalInterface
public interface BenchLmFactory {
    BenchLm create(int layers, int width, int heads, int context, int vocab, NDManager manager);
}
