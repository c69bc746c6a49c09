package io.rlhf4j.model;

import ai.djl.ndarray.NDManager;
import io.rlhf4j.core.testing.SharedFiles;
import io.rlhf4j.model.io.Llama2cCheckpoint;
import io.rlhf4j.model.llama.LlamaModel;
import io.rlhf4j.model.tokenizer.Llama2cTokenizer;

/** Test access to the shared stories260K checkpoint and its reference output. */
public final class Stories260K {
    private Stories260K() {}

    /** README.md's greedy continuation of BOS, first 80 tokens. */
    public static final String REFERENCE_80 = "Once upon a time, there was a little girl named Lily. She loved to play "
            + "outside in the park. One day, she saw a big, red ball. She wanted to play with it, but it was too high.\n"
            + "Lily's mom said, \"Lily, let's go to";

    public static LlamaModel load(NDManager manager) {
        return Llama2cCheckpoint.load(SharedFiles.resolve("models/stories260K/stories260K.bin"), manager);
    }

    public static Llama2cTokenizer tokenizer() {
        return Llama2cTokenizer.load(SharedFiles.resolve("models/stories260K/tok512.bin"));
    }
}
