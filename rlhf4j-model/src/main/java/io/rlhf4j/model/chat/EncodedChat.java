package io.rlhf4j.model.chat;

import java.util.Arrays;

/**
 * Token ids of a rendered conversation with a parallel mask of the assistant's tokens. Arrays are
 * copied in and out, so an instance cannot change after construction.
 */
public record EncodedChat(int[] ids, boolean[] assistantMask) {
    /** The label value PyTorch's cross-entropy (and DJL's training code here) ignores. */
    public static final int IGNORE_INDEX = -100;

    public EncodedChat {
        if (ids.length != assistantMask.length) {
            throw new IllegalArgumentException("ids (" + ids.length + ") and mask (" + assistantMask.length + ") differ in length");
        }
        ids = ids.clone();
        assistantMask = assistantMask.clone();
    }

    @Override public int[] ids() { return ids.clone(); }
    @Override public boolean[] assistantMask() { return assistantMask.clone(); }

    public int length() {
        return ids.length;
    }

    /** Ids where the mask is set, {@link #IGNORE_INDEX} elsewhere: SFT targets before the causal shift. */
    public int[] labels() {
        int[] labels = new int[ids.length];
        for (int i = 0; i < ids.length; i++) labels[i] = assistantMask[i] ? ids[i] : IGNORE_INDEX;
        return labels;
    }

    public int assistantTokenCount() {
        int n = 0;
        for (boolean m : assistantMask) if (m) n++;
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncodedChat other && Arrays.equals(ids, other.ids) && Arrays.equals(assistantMask, other.assistantMask);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ids) + Arrays.hashCode(assistantMask);
    }

    @Override
    public String toString() {
        return "EncodedChat[length=" + ids.length + ", assistantTokens=" + assistantTokenCount() + "]";
    }
}
