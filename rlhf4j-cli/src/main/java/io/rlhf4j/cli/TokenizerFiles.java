package io.rlhf4j.cli;

import io.rlhf4j.model.tokenizer.Llama2cTokenizer;
import io.rlhf4j.model.tokenizer.Llama2cTokenizerJson;
import io.rlhf4j.model.tokenizer.Tokenizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** Puts the tokenizer beside a trained model, so its output directory loads on its own (HF layout). */
final class TokenizerFiles {
    private TokenizerFiles() {}

    /** {@code source}: the tokenizer file or directory the run used. */
    static void copy(Tokenizer tok, Path source, Path out, int maxLength) throws IOException {
        if (tok instanceof Llama2cTokenizer llama2c) {
            Llama2cTokenizerJson.writeModelDirectory(llama2c, out, maxLength);
            return;
        }
        Path dir = Files.isDirectory(source) ? source : source.toAbsolutePath().getParent();
        if (dir.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) return;
        for (String name : List.of("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.json",
                "merges.txt")) {
            Path f = dir.resolve(name);
            if (Files.isRegularFile(f)) Files.copy(f, out.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The tokenizer to use: {@code --tokenizer}, else the model directory's, else the tok*.bin beside a llama2.c .bin. */
    static Path resolve(Path tokenizer, Path model) {
        if (tokenizer != null) return tokenizer;
        if (model == null) throw new IllegalArgumentException("a model trained from scratch needs --tokenizer");
        return Files.isDirectory(model) ? model : model.toAbsolutePath().getParent();
    }
}
