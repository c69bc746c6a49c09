package io.rlhf4j.train;

import io.rlhf4j.model.tokenizer.Llama2cTokenizer;
import io.rlhf4j.model.tokenizer.Llama2cTokenizerJson;
import io.rlhf4j.model.tokenizer.Tokenizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** What a trainer puts beside the weights it saves so that its output directory loads on its own (HF layout). */
public final class TrainedModelFiles {
    private TrainedModelFiles() {}

    /**
     * Writes the tokenizer files into {@code out}: a llama2.c tokenizer converted to tokenizer.json
     * (it has no HF files to copy), otherwise the HF tokenizer files found in {@code source} (the
     * tokenizer file or directory the run used), unless that already is {@code out}.
     *
     * @param maxLength the model_max_length a converted tokenizer declares
     */
    public static void copyTokenizer(Tokenizer tok, Path source, Path out, int maxLength) throws IOException {
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
}
