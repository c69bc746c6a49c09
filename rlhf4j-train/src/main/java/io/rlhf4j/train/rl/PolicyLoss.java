package io.rlhf4j.train.rl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.rlhf4j.model.Scalars;

/** Token-level loss pieces shared by PPO and GRPO/RLOO, all masked to real response tokens. */
public final class PolicyLoss {
    private PolicyLoss() {}

    /** Σ(x·mask) / Σ(mask). */
    public static NDArray maskedMean(NDArray x, NDArray mask) {
        return x.mul(mask).sum().div(mask.sum().maximum(1f));
    }

    /**
     * PPO's clipped surrogate per token: max(−A·ρ, −A·clip(ρ, 1−ε, 1+ε)) with ρ = exp(logπ − logπ_old).
     * Returns {per-token loss, per-token 1 where the clipped branch was taken}.
     */
    public static NDArray[] clippedSurrogate(NDArray newLogProbs, NDArray oldLogProbs, NDArray advantages, double clip) {
        NDArray ratio = newLogProbs.sub(oldLogProbs).exp();
        NDArray unclipped = advantages.neg().mul(ratio);
        NDArray clipped = advantages.neg().mul(ratio.clip(1 - clip, 1 + clip));
        NDArray clippedTaken = clipped.gt(unclipped).toType(DataType.FLOAT32, false);
        return new NDArray[] {unclipped.maximum(clipped), clippedTaken};
    }

    /** ½·mean((logπ − logπ_old)²): the approx-KL TRL logs to see how far an epoch moved the policy. */
    public static NDArray approxKl(NDArray newLogProbs, NDArray oldLogProbs, NDArray mask) {
        return Scalars.mul(maskedMean(newLogProbs.sub(oldLogProbs).square(), mask), 0.5f);
    }

    /**
     * Schulman's k3 estimator of KL(π‖π_ref) per token: exp(r) − r − 1 with r = logπ_ref − logπ.
     * Unbiased and, unlike k1, never negative, which keeps the GRPO penalty a penalty.
     */
    public static NDArray k3(NDArray logProbs, NDArray refLogProbs) {
        NDArray r = refLogProbs.sub(logProbs);
        return r.exp().sub(r).sub(1f);
    }
}
