package io.rlhf4j.train.rl.rollout;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.rlhf4j.model.CausalLm;

/**
 * Per-response-token log-probabilities and entropies from one forward pass (the RL losses need
 * both, and the logits are the expensive part). Differentiable inside a gradient collector.
 */
public final class TokenScores {
    private final NDArray logProbs;
    private final NDArray entropy;

    private TokenScores(NDArray logProbs, NDArray entropy) {
        this.logProbs = logProbs;
        this.entropy = entropy;
    }

    /** log π(token) and H(π) at each response position, [n, R] each (garbage where the mask is 0). */
    public static TokenScores of(CausalLm model, ResponseBatch batch) {
        NDArray logits = model.forward(batch.ids(), batch.attentionMask());
        NDArray logp = batch.responsePart(logits).logSoftmax(2);
        long n = batch.rows(), r = batch.responseWidth();
        NDArray picked = logp.gather(batch.responseIds().toType(DataType.INT64, false).reshape(n, r, 1), 2).squeeze(2);
        NDArray entropy = logp.exp().mul(logp).sum(new int[] {2}).neg();
        return new TokenScores(picked, entropy);
    }

    /** Log-probs only, without building the entropy (the frozen reference). */
    public static NDArray logProbs(CausalLm model, ResponseBatch batch) {
        NDArray logits = model.forward(batch.ids(), batch.attentionMask());
        NDArray logp = batch.responsePart(logits).logSoftmax(2);
        long n = batch.rows(), r = batch.responseWidth();
        return logp.gather(batch.responseIds().toType(DataType.INT64, false).reshape(n, r, 1), 2).squeeze(2);
    }

    public NDArray logProbs() { return logProbs; }

    public NDArray entropy() { return entropy; }
}
