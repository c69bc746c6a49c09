package io.rlhf4j.train.data;

/**
 * Where the data order stands: epoch number and the next position inside that epoch's permutation.
 * With the seed, this is all a checkpoint needs to replay the exact same batches after a resume.
 */
public record DataCursor(long epoch, int position) {
    public DataCursor {
        if (epoch < 0) throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        if (position < 0) throw new IllegalArgumentException("position must be >= 0, got " + position);
    }

    public static DataCursor start() {
        return new DataCursor(0, 0);
    }
}
