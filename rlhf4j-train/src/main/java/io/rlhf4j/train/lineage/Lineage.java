package io.rlhf4j.train.lineage;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where a trained model came from, written as {@value #FILE} beside every model and checkpoint a
 * trainer writes, so "which human judgments shaped this model?" has an answer that survives
 * copying the folder: the base model, the datasets (by content hash), the judgment and annotator
 * ids, guideline versions, algorithm, full config, seed, git commit, times, and the parent's
 * lineage (SFT → reward model → PPO chains), embedded so the chain does not depend on the parent
 * folder still existing.
 *
 * @param algorithm     "sft", "reward-model", "dpo", "ipo", "ppo", ...
 * @param config        the trainer's config record as JSON
 * @param parent        the base model's lineage (null for a model trained from scratch or from
 *                      weights that have none)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Lineage(
        int version,
        String algorithm,
        ModelRef baseModel,
        List<DatasetRef> datasets,
        IdSet judgments,
        IdSet annotators,
        List<String> guidelineVersions,
        JsonNode config,
        long seed,
        String gitCommit,
        String startedAt,
        String finishedAt,
        Lineage parent) {

    public static final String FILE = "lineage.json";
    public static final int VERSION = 1;
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public Lineage {
        datasets = datasets == null ? List.of() : List.copyOf(datasets);
        guidelineVersions = guidelineVersions == null ? List.of() : List.copyOf(guidelineVersions);
        if (judgments == null) judgments = IdSet.of(List.of());
        if (annotators == null) annotators = IdSet.of(List.of());
    }

    /** The model a run started from: its folder and a hash of its config.json (identity, not just a path), or a single checkpoint file and its hash. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ModelRef(String path, String configSha256) {
        public static ModelRef of(Path dir) {
            if (Files.isRegularFile(dir)) {
                // a single-file checkpoint (llama2.c .bin): the file's own hash is its identity
                return new ModelRef(dir.toAbsolutePath().normalize().toString(), Sha256.ofFile(dir));
            }
            Path config = dir.resolve("config.json");
            return new ModelRef(dir.toAbsolutePath().normalize().toString(),
                    Files.isRegularFile(config) ? Sha256.ofFile(config) : null);
        }
    }

    /** A dataset by path, content hash and how many records of it were used. */
    public record DatasetRef(String path, String sha256, long records) {
        public static DatasetRef of(Path file, long records) {
            return new DatasetRef(file.toAbsolutePath().normalize().toString(), Sha256.ofFile(file), records);
        }
    }

    /** Builder-style start of a lineage; everything else via the {@code with*} methods. */
    public static Lineage start(String algorithm, Object config, long seed) {
        return new Lineage(VERSION, algorithm, null, List.of(), null, null, List.of(), JSON.valueToTree(config), seed,
                GitCommit.current().orElse(null), java.time.Instant.now().toString(), null, null);
    }

    /** Sets the base model and, if its folder has a lineage, embeds it as the parent. */
    public Lineage withBaseModel(Path dir) {
        Lineage parentLineage = Files.isRegularFile(dir.resolve(FILE)) ? read(dir) : null;
        return new Lineage(version, algorithm, ModelRef.of(dir), datasets, judgments, annotators, guidelineVersions,
                config, seed, gitCommit, startedAt, finishedAt, parentLineage);
    }

    public Lineage withParent(Lineage parentLineage) {
        return new Lineage(version, algorithm, baseModel, datasets, judgments, annotators, guidelineVersions, config,
                seed, gitCommit, startedAt, finishedAt, parentLineage);
    }

    public Lineage withDataset(DatasetRef dataset) {
        List<DatasetRef> all = new ArrayList<>(datasets);
        all.add(dataset);
        return new Lineage(version, algorithm, baseModel, all, judgments, annotators, guidelineVersions, config, seed,
                gitCommit, startedAt, finishedAt, parent);
    }

    public Lineage withJudgments(Iterable<String> judgmentIds, Iterable<String> annotatorIds) {
        return new Lineage(version, algorithm, baseModel, datasets, IdSet.of(judgmentIds), IdSet.of(annotatorIds),
                guidelineVersions, config, seed, gitCommit, startedAt, finishedAt, parent);
    }

    public Lineage withGuidelineVersions(List<String> versions) {
        return new Lineage(version, algorithm, baseModel, datasets, judgments, annotators, versions, config, seed,
                gitCommit, startedAt, finishedAt, parent);
    }

    public Lineage finishedNow() {
        return new Lineage(version, algorithm, baseModel, datasets, judgments, annotators, guidelineVersions, config,
                seed, gitCommit, startedAt, java.time.Instant.now().toString(), parent);
    }

    /** Writes {@value #FILE} (and id sidecars for large id sets) into {@code dir}. */
    public void write(Path dir) {
        try {
            Files.createDirectories(dir);
            Lineage compact = new Lineage(version, algorithm, baseModel, datasets,
                    judgments.writeSidecarIfLarge(dir, "lineage_judgments.txt"),
                    annotators.writeSidecarIfLarge(dir, "lineage_annotators.txt"),
                    guidelineVersions, config, seed, gitCommit, startedAt, finishedAt, parent == null ? null : parent.inlineOnly());
            Path tmp = dir.resolve(FILE + ".tmp");
            JSON.writeValue(tmp.toFile(), compact);
            Files.move(tmp, dir.resolve(FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(FILE), e);
        }
    }

    /** Reads {@value #FILE} in {@code dir}, loading id sidecars it refers to. */
    public static Lineage read(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            Lineage l = JSON.readValue(file.toFile(), Lineage.class);
            return new Lineage(l.version, l.algorithm, l.baseModel, l.datasets, l.judgments.loadSidecar(dir),
                    l.annotators.loadSidecar(dir), l.guidelineVersions, l.config, l.seed, l.gitCommit, l.startedAt,
                    l.finishedAt, l.parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Reads the lineage in {@code dir} if there is one. */
    public static Optional<Lineage> find(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE)) ? Optional.of(read(dir)) : Optional.empty();
    }

    /**
     * Which human judgments shaped the model in {@code dir}: its own and all its ancestors', in
     * chain order (oldest ancestor first). Ancestors whose ids went to a sidecar are read from their
     * base-model folder when it still exists; otherwise only their count and hash are known, and
     * {@link #unresolvedAncestors} says so.
     */
    public static Set<String> judgmentsThatShaped(Path dir) {
        Set<String> ids = new LinkedHashSet<>();
        for (Lineage l : read(dir).chain()) ids.addAll(l.judgments.ids() == null ? List.of() : l.judgments.ids());
        return ids;
    }

    /** This lineage and its ancestors, oldest first; sidecar-only id sets resolved from parent folders when possible. */
    public List<Lineage> chain() {
        List<Lineage> out = new ArrayList<>();
        Lineage current = this;
        while (current != null) {
            out.add(0, current);
            Lineage p = current.parent;
            if (p != null && p.judgments.ids() == null && current.baseModel != null) {
                Path parentDir = Path.of(current.baseModel.path());
                if (Files.isRegularFile(parentDir.resolve(FILE))) p = read(parentDir);
            }
            current = p;
        }
        return out;
    }

    /** Ancestors (or this) whose judgment ids could not be resolved, only counted and hashed. */
    public long unresolvedAncestors() {
        return chain().stream().filter(l -> l.judgments.ids() == null).count();
    }

    /** A copy fit to embed as a parent: large id lists reduced to count + hash (their sidecar stays with the parent). */
    Lineage inlineOnly() {
        return new Lineage(version, algorithm, baseModel, datasets, judgments.inlineOnly(), annotators.inlineOnly(),
                guidelineVersions, config, seed, gitCommit, startedAt, finishedAt, parent == null ? null : parent.inlineOnly());
    }
}
