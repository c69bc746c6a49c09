package io.rlhf4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What GPT-2 and Llama share: owning the parameters, and the frame of a forward pass (masking,
 * positions, the cache's bookkeeping) around the architecture's own layers.
 */
public abstract class DecoderModel<C extends ModelConfig> implements CausalLm {
    protected final C config;
    private final NDManager manager;
    private final Map<String, NDArray> params;

    /** Takes ownership of {@code params}, moving them into a sub-manager of {@code parent}. */
    protected DecoderModel(C config, Map<String, NDArray> params, NDManager parent) {
        Parameters.validate(config, params, getClass().getSimpleName());
        this.config = config;
        this.manager = parent.newSubManager();
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        this.params.values().forEach(a -> a.attach(manager));
    }

    @Override public C config() { return config; }
    @Override public Map<String, NDArray> parameters() { return params; }
    @Override public NDManager manager() { return manager; }

    protected NDArray p(String name) { return params.get(name); }

    /** The architecture's layers: embeddings to final-normalised hidden states [B, T, hidden]. */
    protected abstract NDArray decode(NDArray ids, Attention.Masking masking, KvCache cache);

    /** The weight whose dtype the forward pass computes in (the token embedding). */
    protected abstract NDArray embedding();

    @Override
    public final NDArray hiddenStates(NDArray ids, NDArray attentionMask, KvCache cache) {
        long batch = ids.getShape().get(0);
        int newLen = (int) ids.getShape().get(1);
        int past = cache == null ? 0 : cache.length();
        Attention.Masking masking = Attention.masking(ids.getManager(), attentionMask, batch, past, newLen,
                embedding().getDataType());
        NDArray hidden = decode(ids, masking, cache);
        if (cache != null) cache.advance(newLen);
        return hidden;
    }
}
