package io.rlhf4j.model.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Picks one token from a logit row (on the JVM: a row is small and this avoids a dozen JNI calls
 * per step). Order as in HF: temperature, then top-k, then top-p, then sample.
 */
final class TokenSampler {
    private TokenSampler() {}

    static int pick(float[] logits, int offset, int vocab, SamplingConfig cfg, SplittableRandom rng) {
        if (cfg.isGreedy()) return argMax(logits, offset, vocab);
        double invT = 1.0 / cfg.temperature();
        boolean filter = cfg.topK() > 0 && cfg.topK() < vocab || cfg.topP() < 1;
        int[] candidates;
        if (filter) {
            candidates = sortedDescending(logits, offset, vocab);
            int keep = cfg.topK() > 0 ? Math.min(cfg.topK(), vocab) : vocab;
            if (cfg.topP() < 1) keep = nucleusSize(logits, offset, candidates, keep, invT, cfg.topP());
            candidates = Arrays.copyOf(candidates, keep);
        } else {
            candidates = null;
        }
        int n = candidates == null ? vocab : candidates.length;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) max = Math.max(max, logits[offset + id(candidates, i)] * invT);
        double[] weights = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            weights[i] = Math.exp(logits[offset + id(candidates, i)] * invT - max);
            total += weights[i];
        }
        double u = rng.nextDouble() * total;
        for (int i = 0; i < n; i++) {
            u -= weights[i];
            if (u < 0) return id(candidates, i);
        }
        return id(candidates, n - 1); // rounding: u landed past the last bucket
    }

    /** log_softmax(logits)[token], computed in double. */
    static float logProb(float[] logits, int offset, int vocab, int token) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < vocab; i++) max = Math.max(max, logits[offset + i]);
        double sum = 0;
        for (int i = 0; i < vocab; i++) sum += Math.exp(logits[offset + i] - max);
        return (float) (logits[offset + token] - max - Math.log(sum));
    }

    static int argMax(float[] logits, int offset, int vocab) {
        int best = 0;
        for (int i = 1; i < vocab; i++) if (logits[offset + i] > logits[offset + best]) best = i;
        return best;
    }

    private static int id(int[] candidates, int i) { return candidates == null ? i : candidates[i]; }

    /** Smallest prefix (within the first {@code limit}) whose tempered softmax mass reaches p; at least 1. */
    private static int nucleusSize(float[] logits, int offset, int[] sorted, int limit, double invT, double p) {
        double max = logits[offset + sorted[0]] * invT, total = 0;
        for (int i = 0; i < limit; i++) total += Math.exp(logits[offset + sorted[i]] * invT - max);
        double cum = 0;
        for (int i = 0; i < limit; i++) {
            cum += Math.exp(logits[offset + sorted[i]] * invT - max) / total;
            if (cum >= p) return i + 1;
        }
        return limit;
    }

    /** Token ids by descending logit (ties: lower id first), via one primitive long sort. */
    private static int[] sortedDescending(float[] logits, int offset, int vocab) {
        long[] keys = new long[vocab];
        for (int i = 0; i < vocab; i++) {
            int bits = Float.floatToIntBits(logits[offset + i]);
            int ordered = bits ^ ((bits >> 31) & 0x7fffffff); // monotone in the float's value
            // negate so ascending sort gives descending logits; low bits keep ascending id order
            keys[i] = ((long) ~ordered << 32) | i;
        }
        Arrays.sort(keys);
        int[] ids = new int[vocab];
        for (int i = 0; i < vocab; i++) ids[i] = (int) keys[i];
        return ids;
    }
}
