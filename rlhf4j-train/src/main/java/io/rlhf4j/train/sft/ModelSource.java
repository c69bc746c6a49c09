package io.rlhf4j.train.sft;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.model.Gpt2Config;
import io.rlhf4j.model.LlamaConfig;
import io.rlhf4j.model.gpt2.Gpt2Model;
import io.rlhf4j.model.io.Llama2cCheckpoint;
import io.rlhf4j.model.io.ModelIO;
import io.rlhf4j.model.llama.LlamaModel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where the model to train comes from: a Hugging Face directory, a llama2.c {@code .bin}, or a fresh
 * random initialisation from a spec such as {@code gpt2:layers=2,dim=64,heads=4,context=128}
 * ({@code llama:} takes the same keys plus {@code kv_heads}); a fresh model's vocabulary is the
 * tokenizer's.
 */
public sealed interface ModelSource {
    record HfDirectory(Path dir) implements ModelSource { }

    record Llama2cBin(Path file) implements ModelSource { }

    record Fresh(String spec, long seed) implements ModelSource { }

    /** {@code --model PATH}: a directory (HF layout) or a llama2.c {@code .bin}. */
    static ModelSource ofPath(Path path) {
        if (Files.isDirectory(path)) return new HfDirectory(path);
        if (path.getFileName().toString().endsWith(".bin")) return new Llama2cBin(path);
        throw new IllegalArgumentException("--model " + path + ": expected a Hugging Face model directory or a llama2.c .bin");
    }

    /**
     * Checks the checkpoint's files (config, headers, tensor shapes; for a fresh model, its spec)
     * without loading the weights: commands call it before any long step, so a broken model is
     * reported in a second.
     */
    default void check() {
        switch (this) {
            case HfDirectory h -> ModelIO.check(h.dir());
            case Llama2cBin b -> Llama2cCheckpoint.check(b.file());
            case Fresh f -> {
                try (NDManager m = NDManager.newBaseManager()) {
                    fresh(f.spec(), 8, f.seed(), m).close(); // the spec parses; vocabulary 8 keeps it tiny
                }
            }
        }
    }

    /** Loads or builds the model under {@code parent}; {@code vocab} sizes a fresh model. */
    default CausalLm load(NDManager parent, int vocab) {
        return switch (this) {
            case HfDirectory h -> ModelIO.load(h.dir(), parent);
            case Llama2cBin b -> Llama2cCheckpoint.load(b.file(), parent);
            case Fresh f -> fresh(f.spec(), vocab, f.seed(), parent);
        };
    }

    private static CausalLm fresh(String spec, int vocab, long seed, NDManager parent) {
        int colon = spec.indexOf(':');
        String arch = (colon < 0 ? spec : spec.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
        Map<String, Integer> kv = new HashMap<>();
        if (colon >= 0) {
            for (String part : spec.substring(colon + 1).split(",")) {
                if (part.isBlank()) continue;
                String[] p = part.split("=", 2);
                if (p.length != 2) throw new IllegalArgumentException("--init " + spec + ": '" + part + "' is not key=value");
                try {
                    kv.put(p[0].trim().toLowerCase(Locale.ROOT), Integer.parseInt(p[1].trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--init " + spec + ": " + p[0] + " must be an integer");
                }
            }
        }
        int layers = kv.getOrDefault("layers", 2);
        int dim = kv.getOrDefault("dim", 64);
        int heads = kv.getOrDefault("heads", Math.max(1, dim / 32));
        int context = kv.getOrDefault("context", 256);
        int v = kv.getOrDefault("vocab", vocab);
        return switch (arch) {
            case "gpt2" -> Gpt2Model.random(Gpt2Config.of(v, dim, layers, heads, context), parent, seed, DataType.FLOAT32);
            case "llama" -> LlamaModel.random(LlamaConfig.llama(v, dim, kv.getOrDefault("hidden", 4 * dim), layers, heads,
                    kv.getOrDefault("kv_heads", heads), context, true), parent, seed, DataType.FLOAT32);
            default -> throw new IllegalArgumentException("--init " + spec + ": unknown architecture '" + arch
                    + "' (expected gpt2 or llama)");
        };
    }
}
