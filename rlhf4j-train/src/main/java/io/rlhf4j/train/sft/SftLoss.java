package io.rlhf4j.train.sft;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.rlhf4j.model.Scalars;
import io.rlhf4j.train.TrainObjective;

import java.util.List;

/**
 * Token-level cross entropy, averaged over the loss-masked target tokens of the batch (not over
 * padding or prompt tokens): {@code -sum(w * log p(target)) / sum(w)}.
 */
public final class SftLoss implements TrainObjective<TokenizedExample> {
    private final CausalLmForward model;
    private final int maxLength;
    private final int padId;

    public SftLoss(CausalLmForward model, int maxLength, int padId) {
        this.model = model;
        this.maxLength = maxLength;
        this.padId = padId;
    }

    @Override
    public LossOutput loss(List<TokenizedExample> batch, NDManager manager) {
        SftBatch b = SftBatch.collate(batch, maxLength, padId, manager);
        if (b.targetTokens() == 0) throw new IllegalArgumentException("a batch has no target tokens: filter such examples first");
        // No attention mask: padding is on the right, and causal attention never lets a real token see
        // a later pad; pad positions' own outputs get weight 0. (Cheaper, and CausalLm's masks expect left padding.)
        NDArray logits = model.logits(b.inputIds(), null);
        logits.attach(manager); // whatever manager the model used, the step owns the result
        return new LossOutput(crossEntropy(logits, b.targets(), b.targetWeights(), b.targetTokens()), b.targetTokens());
    }

    /** Mean negative log-likelihood of {@code targets} under {@code logits}, weighted by {@code weights}. */
    static NDArray crossEntropy(NDArray logits, NDArray targets, NDArray weights, long weightSum) {
        NDArray logProbs = logits.logSoftmax(-1);
        NDArray picked = logProbs.gather(targets.expandDims(-1), -1).squeeze(-1);
        return Scalars.div(picked.mul(weights).sum(), -(float) weightSum);
    }
}
