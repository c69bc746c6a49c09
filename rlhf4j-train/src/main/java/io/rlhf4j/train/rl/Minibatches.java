package io.rlhf4j.train.rl;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded shuffles of a rollout's sample indices into minibatches (the last may be smaller). */
public final class Minibatches {
    private Minibatches() {}

    public static List<int[]> shuffled(int n, int size, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i]; order[i] = order[j]; order[j] = t;
        }
        List<int[]> out = new ArrayList<>();
        for (int from = 0; from < n; from += size) out.add(java.util.Arrays.copyOfRange(order, from, Math.min(n, from + size)));
        return out;
    }
}
