package io.rlhf4j.train.dpo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.model.KvCache;
import io.rlhf4j.model.ModelConfig;

import java.util.Map;

/** A CausalLm that counts the forward passes it is asked for, delegating everything to a real model. */
final class CountingLm implements CausalLm {
    private final CausalLm inner;
    int forwardCalls;

    CountingLm(CausalLm inner) { this.inner = inner; }

    @Override public ModelConfig config() { return inner.config(); }
    @Override public Map<String, NDArray> parameters() { return inner.parameters(); }
    @Override public NDManager manager() { return inner.manager(); }
    @Override public NDArray hiddenStates(NDArray ids, NDArray mask, KvCache cache) {
        forwardCalls++;
        return inner.hiddenStates(ids, mask, cache);
    }
    @Override public NDArray lmHead(NDArray hidden) { return inner.lmHead(hidden); }
    @Override public CausalLm copy(NDManager parent) { return inner.copy(parent); }
}
