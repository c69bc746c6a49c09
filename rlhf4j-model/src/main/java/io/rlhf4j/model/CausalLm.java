package io.rlhf4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;

/**
 * A decoder-only language model: token ids in, next-token logits out.
 *
 * <p>Shapes: {@code ids} is int64 [B, T]; {@code attentionMask} is [B, past + T] with 1 for real
 * tokens and 0 for (left) padding, or {@code null} for "all real". Padding may only be on the left;
 * positions are counted over real tokens ({@code cumsum(mask) - 1}), so a left-padded prompt gets
 * the same positions as the unpadded one.
 *
 * <p>Memory: every array a forward pass creates lives in the manager of {@code ids}. Callers open a
 * sub-manager per step, create ids there, and close it; the model's own manager then stays flat.
 */
public interface CausalLm extends AutoCloseable {

    ModelConfig config();

    /**
     * Trainable parameters by Hugging Face name, in checkpoint order. A tied lm_head is not listed
     * (it is the embedding). Arrays are the live weights: optimizers update them in place.
     */
    Map<String, NDArray> parameters();

    /** Owns the parameters; closing the model closes it. */
    NDManager manager();

    /**
     * Final-normalised hidden states [B, T, hiddenSize] for the new tokens. With a cache, reads the
     * cached keys/values of earlier positions and appends this step's.
     */
    NDArray hiddenStates(NDArray ids, NDArray attentionMask, KvCache cache);

    /** Projects hidden states [..., hiddenSize] to logits [..., vocabSize]. */
    NDArray lmHead(NDArray hidden);

    /** Logits [B, T, vocabSize] without a cache. */
    default NDArray forward(NDArray ids, NDArray attentionMask) {
        return lmHead(hiddenStates(ids, attentionMask, null));
    }

    /** Logits [B, T, vocabSize] for the new tokens, reading and extending {@code cache}. */
    default NDArray forward(NDArray ids, NDArray attentionMask, KvCache cache) {
        return lmHead(hiddenStates(ids, attentionMask, cache));
    }

    /** An empty cache for incremental decoding; arrays live under {@code parent}. */
    default KvCache newCache(NDManager parent) {
        return new KvCache(parent, config().numLayers());
    }

    /** An independent copy of all weights (e.g. a frozen reference policy) owned by a sub-manager of {@code parent}. */
    CausalLm copy(NDManager parent);

    @Override
    default void close() {
        manager().close();
    }
}
