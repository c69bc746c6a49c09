package io.rlhf4j.train.checkpoint;

import io.rlhf4j.train.data.DataCursor;

/**
 * The scalar part of a checkpoint: how many optimizer steps are done, where the data order stands,
 * how many tokens were trained on, and the seed the data order derives from. Parameters and
 * optimizer moments are saved beside it as safetensors.
 */
public record TrainingState(long step, DataCursor cursor, long tokensSeen, long seed) {
    public TrainingState {
        if (step < 0) throw new IllegalArgumentException("step must be >= 0, got " + step);
        if (cursor == null) throw new IllegalArgumentException("cursor is required");
        if (tokensSeen < 0) throw new IllegalArgumentException("tokensSeen must be >= 0, got " + tokensSeen);
    }
}
