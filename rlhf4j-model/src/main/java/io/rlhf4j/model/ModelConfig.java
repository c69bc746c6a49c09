package io.rlhf4j.model;

/**
 * Hyper-parameters of one architecture, mirroring the fields of a Hugging Face {@code config.json}.
 * One record per architecture; {@link io.rlhf4j.model.io.HfConfig} reads and writes them.
 */
public sealed interface ModelConfig permits LlamaConfig, Gpt2Config {
    /** HF {@code model_type}: "llama", "qwen2" or "gpt2". */
    String modelType();

    int vocabSize();

    /** Width of the residual stream (HF hidden_size / n_embd). */
    int hiddenSize();

    int numLayers();

    /** Longest sequence the positions support (max_position_embeddings / n_positions). */
    int maxPositions();

    /** -1 when the checkpoint defines none. */
    int bosTokenId();

    /** -1 when the checkpoint defines none. */
    int eosTokenId();
}
