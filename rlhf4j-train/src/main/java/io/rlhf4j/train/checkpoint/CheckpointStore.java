package io.rlhf4j.train.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rlhf4j.model.io.Safetensors;
import io.rlhf4j.train.optim.AdamW;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Training checkpoints under one folder: {@code step-000042/} folders (model.safetensors,
 * optimizer.safetensors, state.json) and a {@code latest} symbolic link to the newest.
 *
 * <p>Why it survives {@code kill -9}: a checkpoint is written whole into a hidden temp folder,
 * fsynced, then renamed to its final name; only then is {@code latest} swapped by renaming a new
 * link over the old one. Both renames are atomic on POSIX file systems, so at any instant
 * {@code latest} names either the previous complete checkpoint or the new complete one. Leftover
 * temp folders of a killed write are deleted on the next save.
 */
public final class CheckpointStore {
    public static final String LATEST = "latest";
    static final String MODEL_FILE = "model.safetensors";
    static final String OPTIMIZER_FILE = "optimizer.safetensors";
    static final String STATE_FILE = "state.json";
    private static final String TEMP_PREFIX = ".tmp-";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final int keep;

    /** {@code keep}: how many newest checkpoints to keep (older ones are deleted after each save). */
    public CheckpointStore(Path root, int keep) {
        if (keep < 1) throw new IllegalArgumentException("keep must be >= 1, got " + keep);
        this.root = root;
        this.keep = keep;
    }

    public Path root() {
        return root;
    }

    /** Writes a complete checkpoint, then points {@code latest} at it. Returns its folder. */
    public Path save(TrainingState state, Map<String, NDArray> parameters, AdamW optimizer) throws IOException {
        Files.createDirectories(root);
        deleteTempFolders();
        String name = String.format("step-%06d", state.step());
        Path temp = root.resolve(TEMP_PREFIX + name + "-" + ProcessHandle.current().pid());
        Files.createDirectories(temp);
        Safetensors.write(temp.resolve(MODEL_FILE), parameters, Safetensors.WriteType.F32);
        Map<String, NDArray> moments = new LinkedHashMap<>();
        optimizer.firstMoments().forEach((k, v) -> moments.put("m." + k, v));
        optimizer.secondMoments().forEach((k, v) -> moments.put("v." + k, v));
        Safetensors.write(temp.resolve(OPTIMIZER_FILE), moments, Safetensors.WriteType.F32, Map.of("steps", Long.toString(optimizer.steps())));
        Path stateFile = temp.resolve(STATE_FILE);
        Files.write(stateFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
        fsync(stateFile);
        fsync(temp);

        Path target = root.resolve(name);
        if (Files.exists(target)) deleteTree(target);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        Path link = root.resolve(TEMP_PREFIX + LATEST);
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Path.of(name));
        Files.move(link, root.resolve(LATEST), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        fsync(root);
        prune();
        return target;
    }

    /** The newest complete checkpoint folder, if any. */
    public Optional<Path> latest() {
        Path latest = root.resolve(LATEST);
        if (!Files.isDirectory(latest)) return Optional.empty();
        try {
            return Optional.of(latest.toRealPath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Copies a checkpoint's parameters into the live {@code parameters} (in place, so whoever holds
     * them, e.g. a model, sees the restored values), its moments into {@code optimizer}, and returns
     * its training state. Fails if the checkpoint's parameter names or shapes differ.
     */
    public static TrainingState restore(Path folder, Map<String, NDArray> parameters, AdamW optimizer) throws IOException {
        TrainingState state = JSON.readValue(folder.resolve(STATE_FILE).toFile(), TrainingState.class);
        try (NDManager scratch = parameters.values().iterator().next().getManager().newSubManager()) {
            Map<String, NDArray> saved = Safetensors.read(folder.resolve(MODEL_FILE), scratch);
            if (!saved.keySet().equals(parameters.keySet())) {
                throw new IOException(folder + ": checkpoint parameters " + saved.keySet() + " differ from the model's "
                        + parameters.keySet());
            }
            for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
                NDArray from = saved.get(e.getKey());
                if (!from.getShape().equals(e.getValue().getShape()) || from.getDataType() != e.getValue().getDataType()) {
                    throw new IOException(folder + ": parameter " + e.getKey() + " is " + from.getShape() + " "
                            + from.getDataType() + " in the checkpoint, " + e.getValue().getShape() + " in the model");
                }
                e.getValue().set(from.toByteBuffer());
            }
            Path optimizerFile = folder.resolve(OPTIMIZER_FILE);
            Map<String, NDArray> moments = Safetensors.read(optimizerFile, scratch);
            Map<String, NDArray> first = new LinkedHashMap<>();
            Map<String, NDArray> second = new LinkedHashMap<>();
            moments.forEach((k, v) -> (k.startsWith("m.") ? first : second).put(k.substring(2), v));
            long steps = Long.parseLong(Safetensors.metadata(optimizerFile).getOrDefault("steps", "0"));
            optimizer.restore(steps, first, second);
        }
        return state;
    }

    private void prune() throws IOException {
        List<Path> steps = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            s.filter(p -> p.getFileName().toString().startsWith("step-") && Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .forEach(steps::add);
        }
        Optional<Path> latest = latest();
        for (int i = 0; i < steps.size() - keep; i++) {
            Path old = steps.get(i);
            if (latest.isPresent() && latest.get().equals(old.toRealPath())) continue;
            deleteTree(old);
        }
    }

    private void deleteTempFolders() throws IOException {
        try (Stream<Path> s = Files.list(root)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(TEMP_PREFIX)).toList()) {
                deleteTree(p);
            }
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (Files.isSymbolicLink(p) || !Files.isDirectory(p)) {
            Files.deleteIfExists(p);
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
        }
    }

    /** Forces a file's or folder's metadata to disk, so a rename after it cannot overtake the data. */
    private static void fsync(Path p) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            if (!Files.isDirectory(p)) throw e; // some file systems refuse to open folders; files must sync
        }
    }
}
