package io.rlhf4j.train.reward;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Length debiasing for the reward model: a learnt coefficient w on the pair's length difference,
 * inside the Bradley-Terry logit, {@code σ(r_c - r_r + w·Δlength)}. Where annotators preferred the
 * shorter (or longer) reply, w absorbs that and the reward r is left to explain what length does
 * not, as in ODIN's length-disentangled reward head; w is dropped after training, so the saved
 * model scores r alone (and reads the same in transformers). Δlength is counted in hundreds of
 * tokens so that w stays of order one.
 */
public final class LengthCovariate {
    /** The coefficient's name among the trained parameters (checkpoints hold it, the saved model does not). */
    public static final String NAME = "length_covariate";
    static final float TOKENS_PER_UNIT = 100f;

    private final NDArray weight;

    LengthCovariate(NDManager manager) {
        this.weight = manager.zeros(new Shape(1));
    }

    /** The trainable coefficient [1]. */
    public NDArray weight() { return weight; }

    /** The learnt coefficient per 100 tokens of length difference (positive: longer replies were preferred). */
    public double perHundredTokens() { return weight.toFloatArray()[0]; }

    /** Chosen minus rejected response length, in the covariate's unit. */
    static float lengthDifference(PreferenceExample e) {
        return (e.chosen().length - e.rejected().length) / TOKENS_PER_UNIT;
    }
}
