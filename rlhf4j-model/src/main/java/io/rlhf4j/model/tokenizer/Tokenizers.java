package io.rlhf4j.model.tokenizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Picks the tokenizer implementation a path calls for, so commands can take "a tokenizer" as one argument. */
public final class Tokenizers {
    private Tokenizers() {}

    /**
     * A model directory or file with {@code tokenizer.json} opens as {@link HfTokenizer} (close it);
     * a llama2.c {@code .bin} file (or a directory holding {@code tokenizer.bin}/{@code tok*.bin} and no
     * tokenizer.json) as {@link Llama2cTokenizer}.
     */
    public static Tokenizer open(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            if (Files.isRegularFile(path.resolve("tokenizer.json"))) return HfTokenizer.open(path);
            try (var files = Files.list(path)) {
                Path bin = files.filter(f -> f.getFileName().toString().matches("tok.*\\.bin"))
                        .sorted().findFirst().orElseThrow(() -> new IOException("no tokenizer.json or tok*.bin in " + path));
                return Llama2cTokenizer.load(bin);
            }
        }
        String name = path.getFileName().toString();
        if (name.endsWith(".json")) return HfTokenizer.open(path);
        if (name.endsWith(".bin")) return Llama2cTokenizer.load(path);
        throw new IOException("not a tokenizer: " + path + " (expected tokenizer.json, a model directory or a llama2.c .bin)");
    }
}
