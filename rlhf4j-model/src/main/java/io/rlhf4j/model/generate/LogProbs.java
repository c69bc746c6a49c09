package io.rlhf4j.model.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.rlhf4j.model.CausalLm;

/** Scores given sequences under a model (PPO old/new/ref log-probs, DPO). */
public final class LogProbs {
    private LogProbs() {}

    /**
     * Per-token log-probabilities [B, T-1]: entry t is log p(ids[t+1] | ids[0..t]) under
     * log_softmax of the raw logits (temperature 1). Differentiable: gradients reach the model's
     * parameters when a GradientCollector is open. Positions whose target is padding are garbage;
     * multiply by {@code mask[:, 1:]}.
     *
     * @param ids  int64 [B, T], left-padded
     * @param mask [B, T] or null
     */
    public static NDArray of(CausalLm model, NDArray ids, NDArray mask) {
        long t = ids.getShape().get(1);
        NDArray logits = model.forward(ids, mask).get(":, :-1, :");
        NDArray targets = ids.get(":, 1:").toType(DataType.INT64, false).reshape(ids.getShape().get(0), t - 1, 1);
        return logits.logSoftmax(2).gather(targets, 2).squeeze(2);
    }
}
