package io.rlhf4j.cli;

import java.nio.file.Path;

/** Which tokenizer a command uses. */
final class TokenizerFiles {
    private TokenizerFiles() {}

    /** The tokenizer to use: {@code --tokenizer}, else the model directory's, else the tok*.bin beside a llama2.c .bin. */
    static Path resolve(Path tokenizer, Path model) {
        if (tokenizer != null) return tokenizer;
        if (model == null) throw new IllegalArgumentException("a model trained from scratch needs --tokenizer");
        return io.rlhf4j.model.tokenizer.TokenizerFiles.besideModel(model);
    }
}
