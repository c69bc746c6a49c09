package io.rlhf4j.train.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An endless, reproducible stream of example indices: every epoch is a fresh permutation of
 * {@code 0..size-1} drawn from {@code seed} and the epoch number alone. Because a permutation
 * depends on nothing but (seed, epoch), the whole RNG state fits in a {@link DataCursor}.
 */
public final class ShuffledOrder {
    private final int size;
    private final long seed;
    private final boolean shuffle;
    private DataCursor cursor;
    private int[] permutation;

    public ShuffledOrder(int size, long seed, boolean shuffle, DataCursor cursor) {
        if (size < 1) throw new IllegalArgumentException("the data set is empty");
        if (cursor.position() > size) {
            throw new IllegalArgumentException("cursor position " + cursor.position() + " is past the data set size " + size);
        }
        this.size = size;
        this.seed = seed;
        this.shuffle = shuffle;
        this.cursor = cursor;
        this.permutation = permutation(cursor.epoch());
    }

    /** The next {@code count} indices, crossing into the next epoch (and its permutation) as needed. */
    public List<Integer> next(int count) {
        List<Integer> out = new ArrayList<>(count);
        while (out.size() < count) {
            if (cursor.position() == size) {
                cursor = new DataCursor(cursor.epoch() + 1, 0);
                permutation = permutation(cursor.epoch());
            }
            out.add(permutation[cursor.position()]);
            cursor = new DataCursor(cursor.epoch(), cursor.position() + 1);
        }
        return out;
    }

    public DataCursor cursor() {
        return cursor;
    }

    private int[] permutation(long epoch) {
        int[] p = new int[size];
        for (int i = 0; i < size; i++) p[i] = i;
        if (!shuffle) return p;
        // Mix the epoch into the seed (golden-ratio increment) so neighbouring epochs are unrelated.
        SplittableRandom random = new SplittableRandom(seed + epoch * 0x9E3779B97F4A7C15L);
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }
}
