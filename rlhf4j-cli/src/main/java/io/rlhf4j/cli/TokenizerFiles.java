package io.rlhf4j.cli;

import io.rlhf4j.model.tokenizer.Tokenizer;
import io.rlhf4j.train.TrainedModelFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Puts the tokenizer beside a trained model, so its output directory loads on its own (HF layout). */
final class TokenizerFiles {
    private TokenizerFiles() {}

    /** {@code source}: the tokenizer file or directory the run used. */
    static void copy(Tokenizer tok, Path source, Path out, int maxLength) throws IOException {
        TrainedModelFiles.copyTokenizer(tok, source, out, maxLength);
    }

    /** The tokenizer to use: {@code --tokenizer}, else the model directory's, else the tok*.bin beside a llama2.c .bin. */
    static Path resolve(Path tokenizer, Path model) {
        if (tokenizer != null) return tokenizer;
        if (model == null) throw new IllegalArgumentException("a model trained from scratch needs --tokenizer");
        return Files.isDirectory(model) ? model : model.toAbsolutePath().getParent();
    }
}
