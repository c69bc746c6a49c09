package io.rlhf4j.model;

/**
 * The rotary-embedding scalings of transformers' {@code rope_type} that this engine implements, each
 * a change to the inverse frequencies {@code invFreq[i] = theta^(-2i/d)} of plain RoPE (HF's
 * {@code modeling_rope_utils}). All three leave the attention scale at 1, so none needs more than
 * the frequencies. Types with an attention factor (yarn, longrope) are rejected when a config is read.
 */
public sealed interface RopeScaling {

    /** HF's {@code rope_type} name. */
    String type();

    /**
     * Inverse frequencies for a forward pass whose longest sequence is {@code seqLen} positions,
     * from the plain ones of {@code theta} and {@code headDim}.
     */
    float[] inverseFrequencies(double theta, int headDim, int maxPositions, int seqLen);

    /** Plain RoPE frequencies, computed in float32 as HF does. */
    static float[] plain(double theta, int headDim) {
        float[] f = new float[headDim / 2];
        for (int i = 0; i < f.length; i++) f[i] = (float) (1.0 / Math.pow(theta, (2.0 * i) / headDim));
        return f;
    }

    /** Frequencies of {@code scaling}, or plain ones when it is null. */
    static float[] frequencies(RopeScaling scaling, double theta, int headDim, int maxPositions, int seqLen) {
        return scaling == null ? plain(theta, headDim) : scaling.inverseFrequencies(theta, headDim, maxPositions, seqLen);
    }

    /** "linear" (position interpolation): every frequency divided by {@code factor}. */
    record Linear(double factor) implements RopeScaling {
        public Linear {
            if (!(factor >= 1)) throw new IllegalArgumentException("linear rope factor must be >= 1, got " + factor);
        }

        @Override public String type() { return "linear"; }

        @Override
        public float[] inverseFrequencies(double theta, int headDim, int maxPositions, int seqLen) {
            float[] f = plain(theta, headDim);
            for (int i = 0; i < f.length; i++) f[i] = (float) (f[i] / factor);
            return f;
        }
    }

    /**
     * "dynamic" (NTK-aware): once a sequence is longer than the model's context, the base grows to
     * {@code theta * (factor * seqLen / maxPositions - (factor - 1))^(d / (d - 2))}; up to the
     * context it is plain RoPE. transformers keeps the longest length seen so far as module state
     * and grows the base only then; here the base follows each forward pass's own length, which is
     * what a freshly loaded transformers model computes for that pass.
     */
    record Dynamic(double factor) implements RopeScaling {
        public Dynamic {
            if (!(factor >= 1)) throw new IllegalArgumentException("dynamic rope factor must be >= 1, got " + factor);
        }

        @Override public String type() { return "dynamic"; }

        @Override
        public float[] inverseFrequencies(double theta, int headDim, int maxPositions, int seqLen) {
            if (seqLen <= maxPositions) return plain(theta, headDim);
            double base = theta * Math.pow(factor * seqLen / maxPositions - (factor - 1), headDim / (headDim - 2.0));
            return plain(base, headDim);
        }
    }

    /**
     * "llama3": wavelengths longer than originalMaxPositions / lowFreqFactor are slowed by
     * {@code factor}, those shorter than originalMaxPositions / highFreqFactor kept, and those
     * between blended smoothly (transformers' _compute_llama3_parameters).
     */
    record Llama3(double factor, double lowFreqFactor, double highFreqFactor, int originalMaxPositions) implements RopeScaling {
        public Llama3 {
            if (!(factor >= 1) || !(highFreqFactor > lowFreqFactor) || originalMaxPositions <= 0) {
                throw new IllegalArgumentException("llama3 rope scaling needs factor >= 1, high_freq_factor > low_freq_factor"
                        + " and original_max_position_embeddings > 0, got factor " + factor + ", low " + lowFreqFactor
                        + ", high " + highFreqFactor + ", original " + originalMaxPositions);
            }
        }

        @Override public String type() { return "llama3"; }

        @Override
        public float[] inverseFrequencies(double theta, int headDim, int maxPositions, int seqLen) {
            float[] f = plain(theta, headDim);
            for (int i = 0; i < f.length; i++) f[i] = (float) scale(f[i]);
            return f;
        }

        double scale(double invFreq) {
            double wavelen = 2 * Math.PI / invFreq;
            double lowFreqWavelen = originalMaxPositions / lowFreqFactor;
            double highFreqWavelen = originalMaxPositions / highFreqFactor;
            if (wavelen < highFreqWavelen) return invFreq;
            if (wavelen > lowFreqWavelen) return invFreq / factor;
            double smooth = (originalMaxPositions / wavelen - lowFreqFactor) / (highFreqFactor - lowFreqFactor);
            return (1 - smooth) * invFreq / factor + smooth * invFreq;
        }
    }
}
