package io.rlhf4j.model;

/**
 * Llama-family decoder (Llama 2/3-style, SmolLM, Qwen2). Qwen2 differs only by biases on q/k/v;
 * Llama's {@code attention_bias} puts biases on q/k/v and o.
 *
 * @param headDim     usually hiddenSize / numHeads, but HF allows an explicit {@code head_dim}
 * @param ropeScaling null, or Llama 3's frequency-dependent rope scaling
 */
public record LlamaConfig(
        String modelType,
        int vocabSize,
        int hiddenSize,
        int intermediateSize,
        int numLayers,
        int numHeads,
        int numKvHeads,
        int headDim,
        int maxPositions,
        double rmsNormEps,
        double ropeTheta,
        boolean tieWordEmbeddings,
        boolean qkvBias,
        boolean oProjBias,
        int bosTokenId,
        int eosTokenId,
        RopeScaling ropeScaling) implements ModelConfig {

    /**
     * HF rope_scaling with rope_type "llama3": long wavelengths (beyond original/lowFreqFactor) are
     * slowed by {@code factor}, short ones (below original/highFreqFactor) kept, and those between
     * blended smoothly.
     */
    public record RopeScaling(double factor, double lowFreqFactor, double highFreqFactor, int originalMaxPositions) {
        /** Applies the scaling to HF's inverse frequencies (transformers' _compute_llama3_parameters). */
        public double scale(double invFreq) {
            double wavelen = 2 * Math.PI / invFreq;
            double lowFreqWavelen = originalMaxPositions / lowFreqFactor;
            double highFreqWavelen = originalMaxPositions / highFreqFactor;
            if (wavelen < highFreqWavelen) return invFreq;
            if (wavelen > lowFreqWavelen) return invFreq / factor;
            double smooth = (originalMaxPositions / wavelen - lowFreqFactor) / (highFreqFactor - lowFreqFactor);
            return (1 - smooth) * invFreq / factor + smooth * invFreq;
        }
    }

    public LlamaConfig {
        if (!modelType.equals("llama") && !modelType.equals("qwen2")) {
            throw new IllegalArgumentException("LlamaConfig model_type must be llama or qwen2, got " + modelType);
        }
        if (numHeads <= 0 || numKvHeads <= 0 || numHeads % numKvHeads != 0) {
            throw new IllegalArgumentException("num_attention_heads " + numHeads
                    + " must be a positive multiple of num_key_value_heads " + numKvHeads);
        }
        if (headDim <= 0 || headDim % 2 != 0) throw new IllegalArgumentException("head_dim must be even, got " + headDim);
    }

    /** A plain Llama with head_dim = hidden / heads and no biases. */
    public static LlamaConfig llama(int vocab, int hidden, int intermediate, int layers, int heads, int kvHeads,
                                    int maxPositions, boolean tied) {
        return new LlamaConfig("llama", vocab, hidden, intermediate, layers, heads, kvHeads, hidden / heads,
                maxPositions, 1e-5, 10000.0, tied, false, false, 1, 2, null);
    }

    public int kvDim() { return numKvHeads * headDim; }

    public LlamaConfig withQwen2Biases() {
        return new LlamaConfig("qwen2", vocabSize, hiddenSize, intermediateSize, numLayers, numHeads, numKvHeads,
                headDim, maxPositions, rmsNormEps, ropeTheta, tieWordEmbeddings, true, false, bosTokenId, eosTokenId, null);
    }
}
