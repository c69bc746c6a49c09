package io.rlhf4j.train.sft;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Test-only causal LM: the next token is predicted from the current and the previous token,
 * logits = tanh(onehot(x_t) E + onehot(x_{t-1}) P + b) W. Small enough to overfit in a second.
 */
public final class TinyCausalLm {
    public final int vocab;
    public final Map<String, NDArray> parameters = new LinkedHashMap<>();

    public TinyCausalLm(NDManager manager, int vocab, int hidden, long seed) {
        this.vocab = vocab;
        Random r = new Random(seed);
        parameters.put("embed", normal(manager, r, vocab, hidden));
        parameters.put("prev", normal(manager, r, vocab, hidden));
        parameters.put("bias", manager.zeros(new Shape(hidden)));
        parameters.put("out", normal(manager, r, hidden, vocab));
    }

    public NDArray logits(NDArray ids, NDArray attentionMask) {
        long b = ids.getShape().get(0);
        NDArray prevIds = ids.getManager().zeros(new Shape(b, 1), DataType.INT64).concat(ids.get(new NDIndex(":, :-1")), 1);
        NDArray h = ids.oneHot(vocab).matMul(parameters.get("embed"))
                .add(prevIds.oneHot(vocab).matMul(parameters.get("prev")))
                .add(parameters.get("bias")).tanh();
        return h.matMul(parameters.get("out"));
    }

    /** Greedy continuation of {@code prompt} until {@code stopId} or {@code max} new tokens. */
    public int[] greedy(NDManager manager, int[] prompt, int stopId, int max) {
        int[] seq = prompt.clone();
        for (int i = 0; i < max; i++) {
            try (NDManager step = manager.newSubManager()) {
                long[] ids = new long[seq.length];
                for (int j = 0; j < seq.length; j++) ids[j] = seq[j];
                NDArray x = step.create(ids, new Shape(1, seq.length));
                NDArray logits = logits(x, step.ones(x.getShape(), DataType.INT64));
                int next = (int) logits.get(new NDIndex("0, -1")).argMax().getLong();
                seq = java.util.Arrays.copyOf(seq, seq.length + 1);
                seq[seq.length - 1] = next;
                if (next == stopId) break;
            }
        }
        return java.util.Arrays.copyOfRange(seq, prompt.length, seq.length);
    }

    private static NDArray normal(NDManager m, Random r, int rows, int cols) {
        float[] a = new float[rows * cols];
        for (int i = 0; i < a.length; i++) a[i] = (float) (r.nextGaussian() * 0.3);
        return m.create(a, new Shape(rows, cols));
    }
}
