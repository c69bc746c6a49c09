package io.rlhf4j.train;

import io.rlhf4j.model.tokenizer.Tokenizer;
import io.rlhf4j.model.tokenizer.TokenizerFiles;

import java.io.IOException;
import java.nio.file.Path;

/** What a trainer puts beside the weights it saves so that its output directory loads on its own (HF layout). */
public final class TrainedModelFiles {
    private TrainedModelFiles() {}

    /**
     * Writes the tokenizer files into {@code out}: a llama2.c tokenizer converted to tokenizer.json
     * (it has no HF files to copy), otherwise the HF tokenizer files found in {@code source} (the
     * tokenizer file or directory the run used), unless that already is {@code out}
     * ({@link TokenizerFiles#copyInto}).
     *
     * @param maxLength the model_max_length a converted tokenizer declares
     */
    public static void copyTokenizer(Tokenizer tok, Path source, Path out, int maxLength) throws IOException {
        TokenizerFiles.copyInto(tok, source, out, maxLength);
    }
}
