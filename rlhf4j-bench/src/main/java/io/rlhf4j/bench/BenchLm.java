package io.rlhf4j.bench;

import ai.djl.ndarray.NDArray;
import io.rlhf4j.train.sft.CausalLmForward;

import java.util.Map;

/**
 * A freshly initialised causal LM as the bench sees it: trainable parameters, a training forward
 * pass, and greedy generation with or without the KV cache.
 */
public interface BenchLm extends AutoCloseable {
    Map<String, NDArray> parameters();

    CausalLmForward forward();

    /**
     * Greedily generates {@code newTokens} tokens after each prompt (all prompts the same length)
     * and returns how many tokens were generated in total.
     */
    long generate(int[][] prompts, int newTokens, boolean kvCache);

    default long parameterCount() {
        return parameters().values().stream().mapToLong(NDArray::size).sum();
    }

    @Override
    void close();
}
