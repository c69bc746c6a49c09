package io.rlhf4j.train.sft;

import ai.djl.ndarray.NDArray;

/**
 * The one thing SFT needs from a model: logits {@code [B, T, V]} for input ids {@code [B, T]}
 * (int64) and an attention mask {@code [B, T]} (1 = real token, 0 = padding) or null for "all real". The model engine's
 * CausalLm forward fits this as a method reference; tests use a tiny model of their own.
 */
@FunctionalInterface
public interface CausalLmForward {
    NDArray logits(NDArray inputIds, NDArray attentionMask);
}
