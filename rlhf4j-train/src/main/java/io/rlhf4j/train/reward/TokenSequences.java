package io.rlhf4j.train.reward;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.List;

/**
 * Joins prompts and responses into left-padded batches, the layout the model engine expects
 * (padding only on the left; positions are counted over real tokens).
 */
public final class TokenSequences {
    private TokenSequences() {}

    /**
     * prompt ++ response, at most {@code maxLength} tokens. Over-long sequences lose the start of the
     * prompt first (the end of the prompt and the response are what is judged), and only if the
     * response alone is too long, the end of the response.
     */
    public static int[] join(int[] prompt, int[] response, int maxLength) {
        int resp = Math.min(response.length, maxLength);
        int keepPrompt = Math.min(prompt.length, maxLength - resp);
        int[] out = new int[keepPrompt + resp];
        System.arraycopy(prompt, prompt.length - keepPrompt, out, 0, keepPrompt);
        System.arraycopy(response, 0, out, keepPrompt, resp);
        return out;
    }

    /** Number of response tokens {@link #join} keeps. */
    public static int keptResponseLength(int[] response, int maxLength) {
        return Math.min(response.length, maxLength);
    }

    /** A left-padded batch: ids int64 [B, T] and mask int64 [B, T] (1 real, 0 pad). */
    public record Batch(NDArray ids, NDArray mask, int length) {}

    public static Batch leftPadded(List<int[]> sequences, int padId, NDManager manager) {
        int b = sequences.size();
        int t = 1;
        for (int[] s : sequences) t = Math.max(t, s.length);
        long[] ids = new long[b * t];
        long[] mask = new long[b * t];
        for (int i = 0; i < b; i++) {
            int[] s = sequences.get(i);
            int offset = i * t + (t - s.length);
            for (int j = 0; j < s.length; j++) {
                ids[offset + j] = s[j];
                mask[offset + j] = 1;
            }
            for (int j = i * t; j < offset; j++) ids[j] = padId;
        }
        Shape shape = new Shape(b, t);
        return new Batch(manager.create(ids, shape), manager.create(mask, shape), t);
    }
}
