package io.rlhf4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.List;

/**
 * What the loop minimises: the loss of one micro-batch of examples. Implementations allocate every
 * array on {@code manager} (the loop closes it after the backward pass, which is what keeps memory
 * flat over many steps) and must not print or keep arrays across calls.
 */
@FunctionalInterface
public interface TrainObjective<E> {

    /** A scalar mean loss and the number of tokens it averages over (for tokens/s and weighting). */
    record LossOutput(NDArray loss, long tokens) { }

    LossOutput loss(List<E> batch, NDManager manager);
}
