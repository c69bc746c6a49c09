package io.rlhf4j.model;

/** GPT-2: learned positions, pre-LayerNorm blocks, GELU (tanh approximation) MLP, tied lm_head. */
public record Gpt2Config(
        int vocabSize,
        int hiddenSize,
        int innerSize,
        int numLayers,
        int numHeads,
        int maxPositions,
        double layerNormEps,
        int bosTokenId,
        int eosTokenId) implements ModelConfig {

    public Gpt2Config {
        if (numHeads <= 0 || hiddenSize % numHeads != 0) {
            throw new IllegalArgumentException("n_embd " + hiddenSize + " must be divisible by n_head " + numHeads);
        }
    }

    public static Gpt2Config of(int vocab, int hidden, int layers, int heads, int positions) {
        return new Gpt2Config(vocab, hidden, 4 * hidden, layers, heads, positions, 1e-5, vocab - 1, vocab - 1);
    }

    @Override public String modelType() { return "gpt2"; }

    public int headDim() { return hiddenSize / numHeads; }
}
