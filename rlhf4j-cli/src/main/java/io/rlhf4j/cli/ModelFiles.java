package io.rlhf4j.cli;

import ai.djl.ndarray.NDManager;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.model.tokenizer.Tokenizer;
import io.rlhf4j.model.tokenizer.Tokenizers;
import io.rlhf4j.train.sft.ModelSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A language model as a user names it ({@code --model}: HF directory or llama2.c .bin) and its tokenizer. */
record ModelFiles(Path model, Path tokenizerPath, Tokenizer tokenizer) implements AutoCloseable {

    /** Opens the tokenizer ({@code --tokenizer}, else the model's) and checks both exist before anything slow runs. */
    static ModelFiles open(Path model, Path tokenizer) throws IOException {
        if (!Files.exists(model)) throw new IllegalArgumentException("--model " + model + ": no such file or directory");
        if (Files.isDirectory(model) && !Files.isRegularFile(model.resolve("config.json"))) {
            try (var list = Files.list(model)) {
                List<String> bins = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".bin") && !n.startsWith("tok")).sorted().toList();
                throw new IllegalArgumentException("--model " + model + ": a directory without config.json (not a Hugging Face model)"
                        + (bins.isEmpty() ? "" : "; a llama2.c checkpoint is given as its file: " + model.resolve(bins.get(0))));
            }
        }
        ModelSource.ofPath(model); // says now, not after loading, when the path is neither layout
        Path tokPath = TokenizerFiles.resolve(tokenizer, model);
        Tokenizer tok;
        try {
            tok = Tokenizers.open(tokPath);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("--model " + model + ": no tokenizer that loads at " + tokPath + " ("
                    + e.getMessage() + "); give --tokenizer", e);
        }
        return new ModelFiles(model, tokPath, tok);
    }

    /** Loads the weights; their vocabulary must be the tokenizer's. */
    CausalLm load(NDManager manager) {
        CausalLm lm = ModelSource.ofPath(model).load(manager, tokenizer.vocabSize());
        if (lm.config().vocabSize() < tokenizer.vocabSize()) {
            lm.close();
            throw new IllegalArgumentException("--model " + model + " has " + lm.config().vocabSize() + " token embeddings but its "
                    + "tokenizer " + tokenizerPath + " has " + tokenizer.vocabSize() + " tokens: they do not belong together");
        }
        return lm;
    }

    @Override
    public void close() throws Exception {
        if (tokenizer instanceof AutoCloseable c) c.close();
    }
}
