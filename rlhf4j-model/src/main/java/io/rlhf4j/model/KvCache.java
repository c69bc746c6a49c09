package io.rlhf4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * Keys and values of past positions, per layer, shaped [B, kvHeads, past, headDim]. Each forward
 * step appends along the position axis; the previous arrays are closed so only the current ones
 * stay alive. Inference only: do not backpropagate through cached steps.
 */
public final class KvCache implements AutoCloseable {
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
     * Appends this step's keys/values for {@code layer} and returns the full [k, v]. The returned
     * arrays belong to the cache; the caller must not close them.
     */
    public NDArray[] append(int layer, NDArray k, NDArray v) {
        NDArray fullK = keys[layer] == null ? k.duplicate() : NDArrays.concat(new NDList(keys[layer], k), 2);
        NDArray fullV = values[layer] == null ? v.duplicate() : NDArrays.concat(new NDList(values[layer], v), 2);
        fullK.attach(manager);
        fullV.attach(manager);
        if (keys[layer] != null) {
            keys[layer].close();
            values[layer].close();
        }
        keys[layer] = fullK;
        values[layer] = fullV;
        return new NDArray[] {fullK, fullV};
    }

    /** Called by the model once all layers have appended {@code newTokens} positions. */
    public void advance(int newTokens) { length += newTokens; }

    @Override
    public void close() { manager.close(); }
}
