package io.rlhf4j.model;

/**
 * Llama-family decoder (Llama 2/3-style, SmolLM, Qwen2). Qwen2 differs only by biases on q/k/v;
 * Llama's {@code attention_bias} puts biases on q/k/v and o. Build one with {@link #builder}.
 *
 * @param headDim     usually hiddenSize / numHeads, but HF allows an explicit {@code head_dim}
 * @param ropeScaling null (plain RoPE), or one of transformers' rope types (linear, dynamic, llama3)
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

    public LlamaConfig {
        if (!modelType.equals("llama") && !modelType.equals("qwen2")) {
            throw new IllegalArgumentException("LlamaConfig model_type must be llama or qwen2, got " + modelType);
        }
        if (numHeads <= 0 || numKvHeads <= 0 || numHeads % numKvHeads != 0) {
            throw new IllegalArgumentException("num_attention_heads " + numHeads
                    + " must be a positive multiple of num_key_value_heads " + numKvHeads);
        }
        if (headDim <= 0 || headDim % 2 != 0) throw new IllegalArgumentException("head_dim must be even, got " + headDim);
        if (!(ropeTheta > 0)) throw new IllegalArgumentException("rope_theta must be > 0, got " + ropeTheta);
    }

    /** A plain Llama as llama2.c writes it: head_dim = hidden / heads, no biases, eps 1e-5, BOS 1, EOS 2. */
    public static LlamaConfig llama(int vocab, int hidden, int intermediate, int layers, int heads, int kvHeads,
                                    int maxPositions, boolean tied) {
        return builder("llama").vocabSize(vocab).hiddenSize(hidden).intermediateSize(intermediate).numLayers(layers)
                .numHeads(heads).numKvHeads(kvHeads).maxPositions(maxPositions).rmsNormEps(1e-5)
                .tieWordEmbeddings(tied).bosTokenId(1).eosTokenId(2).build();
    }

    public int kvDim() { return numKvHeads * headDim; }

    /** Inverse RoPE frequencies for a forward pass over sequences of up to {@code seqLen} positions. */
    public float[] ropeFrequencies(int seqLen) {
        return RopeScaling.frequencies(ropeScaling, ropeTheta, headDim, maxPositions, seqLen);
    }

    /** Starts a config of {@code modelType} ("llama" or "qwen2") with transformers' defaults. */
    public static Builder builder(String modelType) { return new Builder(modelType); }

    /** A builder holding this config's values. */
    public Builder toBuilder() {
        Builder b = new Builder(modelType);
        b.vocabSize = vocabSize;
        b.hiddenSize = hiddenSize;
        b.intermediateSize = intermediateSize;
        b.numLayers = numLayers;
        b.numHeads = numHeads;
        b.numKvHeads = numKvHeads;
        b.headDim = headDim;
        b.maxPositions = maxPositions;
        b.rmsNormEps = rmsNormEps;
        b.ropeTheta = ropeTheta;
        b.tieWordEmbeddings = tieWordEmbeddings;
        b.qkvBias = qkvBias;
        b.oProjBias = oProjBias;
        b.bosTokenId = bosTokenId;
        b.eosTokenId = eosTokenId;
        b.ropeScaling = ropeScaling;
        return b;
    }

    /**
     * Named settings; {@code numKvHeads} defaults to {@code numHeads} and {@code headDim} to
     * hiddenSize / numHeads, as in transformers; token ids default to -1 (none).
     */
    public static final class Builder {
        private String modelType;
        private int vocabSize, hiddenSize, intermediateSize, numLayers, numHeads, numKvHeads, headDim, maxPositions;
        private double rmsNormEps = 1e-6, ropeTheta = 10000.0;
        private boolean tieWordEmbeddings, qkvBias, oProjBias;
        private int bosTokenId = -1, eosTokenId = -1;
        private RopeScaling ropeScaling;

        private Builder(String modelType) { this.modelType = modelType; }

        public Builder modelType(String v) { modelType = v; return this; }
        public Builder vocabSize(int v) { vocabSize = v; return this; }
        public Builder hiddenSize(int v) { hiddenSize = v; return this; }
        public Builder intermediateSize(int v) { intermediateSize = v; return this; }
        public Builder numLayers(int v) { numLayers = v; return this; }
        public Builder numHeads(int v) { numHeads = v; return this; }
        public Builder numKvHeads(int v) { numKvHeads = v; return this; }
        public Builder headDim(int v) { headDim = v; return this; }
        public Builder maxPositions(int v) { maxPositions = v; return this; }
        public Builder rmsNormEps(double v) { rmsNormEps = v; return this; }
        public Builder ropeTheta(double v) { ropeTheta = v; return this; }
        public Builder tieWordEmbeddings(boolean v) { tieWordEmbeddings = v; return this; }
        public Builder qkvBias(boolean v) { qkvBias = v; return this; }
        public Builder oProjBias(boolean v) { oProjBias = v; return this; }
        public Builder bosTokenId(int v) { bosTokenId = v; return this; }
        public Builder eosTokenId(int v) { eosTokenId = v; return this; }
        public Builder ropeScaling(RopeScaling v) { ropeScaling = v; return this; }

        public LlamaConfig build() {
            int kv = numKvHeads > 0 ? numKvHeads : numHeads;
            int hd = headDim > 0 ? headDim : (numHeads > 0 ? hiddenSize / numHeads : 0);
            return new LlamaConfig(modelType, vocabSize, hiddenSize, intermediateSize, numLayers, numHeads, kv, hd,
                    maxPositions, rmsNormEps, ropeTheta, tieWordEmbeddings, qkvBias, oProjBias, bosTokenId, eosTokenId,
                    ropeScaling);
        }
    }
}
