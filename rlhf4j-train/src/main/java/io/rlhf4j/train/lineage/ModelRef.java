package io.rlhf4j.train.lineage;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A model by path and content: the hash of its weights (every {@code *.safetensors} file of a
 * Hugging Face folder in name order, or a llama2.c {@code .bin} file itself) and of its config.json.
 * Two checkpoints of one architecture share a config hash; only the weights hash tells them apart.
 *
 * @param configSha256  null for a single-file checkpoint (its config is inside the file)
 * @param weightsSha256 null only in lineage written before weights were hashed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelRef(String path, String configSha256, String weightsSha256) {

    public static ModelRef of(Path model) {
        String path = model.toAbsolutePath().normalize().toString();
        if (Files.isRegularFile(model)) return new ModelRef(path, null, Sha256.ofFile(model));
        Path config = model.resolve("config.json");
        List<Path> weights = weightFiles(model);
        return new ModelRef(path, Files.isRegularFile(config) ? Sha256.ofFile(config) : null,
                weights.isEmpty() ? null : Sha256.ofFiles(weights));
    }

    private static List<Path> weightFiles(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".safetensors")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** e.g. "/runs/sft (weights sha256 1f3a..., config 9c0e...)". */
    public String describe() {
        StringBuilder s = new StringBuilder(path);
        if (weightsSha256 != null || configSha256 != null) {
            s.append(" (");
            if (weightsSha256 != null) s.append("weights sha256 ").append(weightsSha256, 0, 16);
            if (configSha256 != null) s.append(weightsSha256 != null ? ", " : "").append("config sha256 ").append(configSha256, 0, 16);
            s.append(")");
        }
        return s.toString();
    }
}
