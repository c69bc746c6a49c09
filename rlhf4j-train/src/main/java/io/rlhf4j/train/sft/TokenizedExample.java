package io.rlhf4j.train.sft;

import java.util.Arrays;

/**
 * One training sequence as token ids, with {@code lossMask[i]} true where token {@code i} is a
 * target the model must learn to predict from the tokens before it (assistant tokens in SFT, every
 * token in plain-text pretraining). Position 0 is never a target: nothing precedes it.
 */
public record TokenizedExample(int[] ids, boolean[] lossMask) {
    public TokenizedExample {
        if (ids == null || ids.length == 0) throw new IllegalArgumentException("ids is empty");
        if (lossMask == null || lossMask.length != ids.length) {
            throw new IllegalArgumentException("lossMask must have one entry per id (" + ids.length + ")");
        }
        ids = ids.clone();
        lossMask = lossMask.clone();
    }

    /** Pretraining: every token after the first is a target. */
    public static TokenizedExample plain(int[] ids) {
        boolean[] mask = new boolean[ids.length];
        Arrays.fill(mask, true);
        return new TokenizedExample(ids, mask);
    }

    public int length() {
        return ids.length;
    }

    /** Targets within the first {@code maxLength} tokens (what is left after truncation). */
    public int targetCount(int maxLength) {
        int n = 0;
        for (int i = 1; i < Math.min(maxLength, ids.length); i++) if (lossMask[i]) n++;
        return n;
    }

    @Override
    public int[] ids() {
        return ids.clone();
    }

    @Override
    public boolean[] lossMask() {
        return lossMask.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenizedExample t && Arrays.equals(ids, t.ids) && Arrays.equals(lossMask, t.lossMask);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ids) + Arrays.hashCode(lossMask);
    }

    @Override
    public String toString() {
        return "TokenizedExample" + Arrays.toString(ids);
    }
}
