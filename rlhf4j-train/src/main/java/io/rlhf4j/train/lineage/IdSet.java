package io.rlhf4j.train.lineage;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

/**
 * A set of ids (judgments or annotators) as lineage records it: count and a sha256 over the sorted
 * ids always, the ids themselves inline when there are at most {@value #INLINE_LIMIT}, else in a
 * sidecar text file (one id per line) beside lineage.json so the JSON stays readable.
 *
 * @param ids     sorted ids, or null when only count and hash are known (sidecar not loaded)
 * @param sidecar file name of the sidecar, relative to the lineage's folder, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IdSet(int count, String sha256, List<String> ids, String sidecar) {
    public static final int INLINE_LIMIT = 1000;

    public static IdSet of(Iterable<String> ids) {
        TreeSet<String> sorted = new TreeSet<>();
        for (String id : ids) if (id != null && !id.isEmpty()) sorted.add(id);
        List<String> list = List.copyOf(sorted);
        return new IdSet(list.size(), Sha256.ofString(String.join("\n", list)), list, null);
    }

    IdSet writeSidecarIfLarge(Path dir, String fileName) throws IOException {
        if (ids == null || ids.size() <= INLINE_LIMIT) return this;
        Files.write(dir.resolve(fileName), ids, StandardCharsets.UTF_8);
        return new IdSet(count, sha256, null, fileName);
    }

    IdSet loadSidecar(Path dir) {
        if (ids != null || sidecar == null) return this;
        Path file = dir.resolve(sidecar);
        if (!Files.isRegularFile(file)) return this;
        try {
            List<String> loaded = Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(s -> !s.isEmpty()).toList();
            if (!Sha256.ofString(String.join("\n", loaded)).equals(sha256)) {
                throw new IllegalStateException(file + " does not match the hash in lineage.json: edited or mixed up");
            }
            return new IdSet(count, sha256, loaded, sidecar);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    IdSet inlineOnly() {
        return ids == null || ids.size() <= INLINE_LIMIT ? this : new IdSet(count, sha256, null, sidecar);
    }
}
