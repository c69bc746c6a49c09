package io.rlhf4j.train.sft;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.List;

/**
 * A right-padded batch ready for the model: input ids and attention mask {@code [B, T]}, and for
 * every position {@code t} the next token {@code targets[b, t] = ids[b, t+1]} with weight 1 where
 * that next token is a real, loss-masked token. Shifting on the Java side means the loss never has
 * to slice the large logits array.
 */
public record SftBatch(NDArray inputIds, NDArray attentionMask, NDArray targets, NDArray targetWeights, long targetTokens) {

    /** Collates {@code examples}, truncating each to {@code maxLength} tokens and padding with {@code padId}. */
    public static SftBatch collate(List<TokenizedExample> examples, int maxLength, int padId, NDManager manager) {
        int b = examples.size();
        int t = 0;
        for (TokenizedExample e : examples) t = Math.max(t, Math.min(maxLength, e.length()));
        long[] ids = new long[b * t];
        long[] mask = new long[b * t];
        long[] targets = new long[b * t];
        float[] weights = new float[b * t];
        long count = 0;
        for (int row = 0; row < b; row++) {
            int[] seq = examples.get(row).ids();
            boolean[] lossMask = examples.get(row).lossMask();
            int len = Math.min(maxLength, seq.length);
            for (int i = 0; i < t; i++) {
                int at = row * t + i;
                ids[at] = i < len ? seq[i] : padId;
                mask[at] = i < len ? 1 : 0;
                if (i + 1 < len) {
                    targets[at] = seq[i + 1];
                    if (lossMask[i + 1]) {
                        weights[at] = 1f;
                        count++;
                    }
                }
            }
        }
        Shape shape = new Shape(b, t);
        return new SftBatch(manager.create(ids, shape), manager.create(mask, shape), manager.create(targets, shape),
                manager.create(weights, shape), count);
    }
}
