package io.rlhf4j.model;

/**
 * Llama-family decoder (Llama 2/3-style, SmolLM, Qwen2). Qwen2 differs only by biases on q/k/v;
 * Llama's {@code attention_bias} puts biases on q/k/v and o.
 *
 * @param headDim usually hiddenSize / numHeads, but HF allows an explicit {@code head_dim}
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
        int eosTokenId) implements ModelConfig {

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
                maxPositions, 1e-5, 10000.0, tied, false, false, 1, 2);
    }

    public int kvDim() { return numKvHeads * headDim; }

    public LlamaConfig withQwen2Biases() {
        return new LlamaConfig("qwen2", vocabSize, hiddenSize, intermediateSize, numLayers, numHeads, numKvHeads,
                headDim, maxPositions, rmsNormEps, ropeTheta, tieWordEmbeddings, true, false, bosTokenId, eosTokenId);
    }
}
