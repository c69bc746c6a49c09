package io.rlhf4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Keys and values of past positions, per layer, shaped [B, kvHeads, past, headDim]. Each layer's
 * arrays live in a buffer with room to spare along the position axis: a step writes its new
 * positions in place and attends over a view of the filled part, instead of concatenating (which
 * copied the whole cache of every layer at every generated token). The buffer doubles when full.
 * Inference only: do not backpropagate through cached steps.
 */
public final class KvCache implements AutoCloseable {
    private static final int MIN_CAPACITY = 64;

    private final NDManager manager;
    private final NDArray[] keys;
    private final NDArray[] values;
    private int length;

    public KvCache(NDManager parent, int numLayers) {
        this.manager = parent.newSubManager();
        this.keys = new NDArray[numLayers];
        this.values = new NDArray[numLayers];
    }

    /** Number of positions already cached (including left padding). */
    public int length() { return length; }

    /**
     * Appends this step's keys/values for {@code layer} and returns views of all positions so far
     * [k, v]. The views belong to the manager of {@code k} (the step's), so they die with the step;
     * the data stays in the cache.
     */
    public NDArray[] append(int layer, NDArray k, NDArray v) {
        int end = length + (int) k.getShape().get(2);
        keys[layer] = ensureCapacity(keys[layer], k, end);
        values[layer] = ensureCapacity(values[layer], v, end);
        NDIndex filled = new NDIndex().addAllDim().addAllDim().addSliceDim(0, end);
        NDIndex fresh = new NDIndex().addAllDim().addAllDim().addSliceDim(length, end);
        keys[layer].set(fresh, k);
        values[layer].set(fresh, v);
        NDArray fullK = keys[layer].get(filled);
        NDArray fullV = values[layer].get(filled);
        fullK.attach(k.getManager());
        fullV.attach(k.getManager());
        return new NDArray[] {fullK, fullV};
    }

    /** {@code buffer}, or a larger one holding its first {@link #length} positions, with room for {@code end}. */
    private NDArray ensureCapacity(NDArray buffer, NDArray like, int end) {
        if (buffer != null && buffer.getShape().get(2) >= end) return buffer;
        Shape s = like.getShape();
        long capacity = Math.max(MIN_CAPACITY, 2L * end);
        NDArray grown = manager.zeros(new Shape(s.get(0), s.get(1), capacity, s.get(3)), like.getDataType(), like.getDevice());
        if (buffer != null) {
            NDIndex old = new NDIndex().addAllDim().addAllDim().addSliceDim(0, length);
            try (NDArray filled = buffer.get(old)) {
                grown.set(old, filled);
            }
            buffer.close();
        }
        return grown;
    }

    /** Called by the model once all layers have appended {@code newTokens} positions. */
    public void advance(int newTokens) { length += newTokens; }

    @Override
    public void close() { manager.close(); }
}
