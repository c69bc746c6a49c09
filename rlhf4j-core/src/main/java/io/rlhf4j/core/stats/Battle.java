package io.rlhf4j.core.stats;

import java.util.Objects;

/**
 * One pairwise comparison between two models (or checkpoints, or policies) identified by plain strings, so the
 * store, server, simulator and trainers can all feed the statistics without sharing richer records.
 */
public record Battle(String modelA, String modelB, PairwiseOutcome outcome) {
    public Battle {
        Objects.requireNonNull(modelA, "modelA");
        Objects.requireNonNull(modelB, "modelB");
        Objects.requireNonNull(outcome, "outcome");
        if (modelA.equals(modelB)) {
            throw new IllegalArgumentException("a battle needs two different models, got '" + modelA + "' twice");
        }
    }
}
