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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where a trained model came from, written as {@value #FILE} beside every model and checkpoint a
 * trainer writes, so "which human judgments shaped this model?" has an answer that survives
 * copying the folder (provenance as Tribuo records it): the base model by path and weights hash,
 * the datasets (by content hash), the judgment and annotator ids the run actually consumed and how
 * many pairs per epoch, guideline versions, algorithm, full config, seed, git commit, times and
 * wall time; for an RL run its reward model and reference policy by path and hash. The base
 * model's lineage (SFT → reward model → PPO chains) and an RL run's reward model's lineage are
 * embedded, so the chain does not depend on those folders still existing.
 *
 * @param algorithm          "sft", "reward-model", "dpo", "ipo", "ppo", ...
 * @param judgments          the judgments the run consumed (all it was given when it records no consumption)
 * @param consumption        what the training loop actually drew (null where it does not apply, e.g. RL)
 * @param config             the trainer's config record as JSON
 * @param wallSeconds        start to finish of the run that wrote this file
 * @param parent             the base model's lineage (null for a model trained from scratch or from
 *                           weights that have none)
 * @param rewardModelLineage an RL run's reward model's lineage
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Lineage(
        int version,
        String algorithm,
        ModelRef baseModel,
        List<DatasetRef> datasets,
        IdSet judgments,
        IdSet annotators,
        Consumption consumption,
        List<String> guidelineVersions,
        JsonNode config,
        long seed,
        String gitCommit,
        String startedAt,
        String finishedAt,
        Double wallSeconds,
        ModelRef rewardModel,
        ModelRef reference,
        Lineage parent,
        Lineage rewardModelLineage) {

    public static final String FILE = "lineage.json";
    public static final int VERSION = 2;
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public Lineage {
        datasets = datasets == null ? List.of() : List.copyOf(datasets);
        guidelineVersions = guidelineVersions == null ? List.of() : List.copyOf(guidelineVersions);
        if (judgments == null) judgments = IdSet.of(List.of());
        if (annotators == null) annotators = IdSet.of(List.of());
    }

    /** A dataset by path, content hash and how many records of it were used. */
    public record DatasetRef(String path, String sha256, long records) {
        public static DatasetRef of(Path file, long records) {
            return new DatasetRef(file.toAbsolutePath().normalize().toString(), Sha256.ofFile(file), records);
        }
    }

    /** A lineage starting now; add the rest with the {@code with*} methods. */
    public static Lineage start(String algorithm, Object config, long seed) {
        return new Lineage(VERSION, algorithm, null, List.of(), null, null, null, List.of(), JSON.valueToTree(config),
                seed, GitCommit.current().orElse(null), Instant.now().toString(), null, null, null, null, null, null);
    }

    /** Sets the base model (path, weights and config hashes) and, if its folder has a lineage, embeds it as the parent. */
    public Lineage withBaseModel(Path model) {
        return edit().baseModel(ModelRef.of(model)).parent(find(model).orElse(null)).done();
    }

    public Lineage withParent(Lineage parentLineage) {
        return edit().parent(parentLineage).done();
    }

    public Lineage withDataset(DatasetRef dataset) {
        List<DatasetRef> all = new ArrayList<>(datasets);
        all.add(dataset);
        return edit().datasets(all).done();
    }

    public Lineage withJudgments(Iterable<String> judgmentIds, Iterable<String> annotatorIds) {
        return edit().judgments(IdSet.of(judgmentIds)).annotators(IdSet.of(annotatorIds)).done();
    }

    /** What the loop actually drew: its judgments and annotators replace the ones the run was given. */
    public Lineage withConsumption(Consumption.Replay replay) {
        return edit().consumption(replay.consumption()).judgments(IdSet.of(replay.judgmentIds()))
                .annotators(IdSet.of(replay.annotatorIds())).done();
    }

    public Lineage withGuidelineVersions(List<String> versions) {
        return edit().guidelineVersions(versions).done();
    }

    /** An RL run's reward model by path and hash, its lineage embedded. */
    public Lineage withRewardModel(Path dir) {
        return edit().rewardModel(ModelRef.of(dir)).rewardModelLineage(find(dir).orElse(null)).done();
    }

    /** The frozen reference policy (KL anchor) of an RL or DPO run, by path and hash. */
    public Lineage withReference(Path model) {
        return edit().reference(ModelRef.of(model)).done();
    }

    public Lineage finishedNow() {
        Instant now = Instant.now();
        Double wall = startedAt == null ? null : Duration.between(Instant.parse(startedAt), now).toNanos() / 1e9;
        return edit().finishedAt(now.toString()).wallSeconds(wall).done();
    }

    /** Writes {@value #FILE} (and id sidecars for large id sets) into {@code dir}. */
    public void write(Path dir) {
        try {
            Files.createDirectories(dir);
            Lineage compact = edit().judgments(judgments.writeSidecarIfLarge(dir, "lineage_judgments.txt"))
                    .annotators(annotators.writeSidecarIfLarge(dir, "lineage_annotators.txt"))
                    .parent(parent == null ? null : parent.inlineOnly())
                    .rewardModelLineage(rewardModelLineage == null ? null : rewardModelLineage.inlineOnly()).done();
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
            return l.edit().judgments(l.judgments.loadSidecar(dir)).annotators(l.annotators.loadSidecar(dir)).done();
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

    /** A copy fit to embed: large id lists reduced to count + hash (their sidecar stays with the model). */
    Lineage inlineOnly() {
        return edit().judgments(judgments.inlineOnly()).annotators(annotators.inlineOnly())
                .parent(parent == null ? null : parent.inlineOnly())
                .rewardModelLineage(rewardModelLineage == null ? null : rewardModelLineage.inlineOnly()).done();
    }

    private Edit edit() { return new Edit(this); }

    /** A mutable copy for the {@code with*} methods, so each names only the fields it changes. */
    private static final class Edit {
        private final int version;
        private final String algorithm, gitCommit, startedAt;
        private final JsonNode config;
        private final long seed;
        private ModelRef baseModel, rewardModel, reference;
        private List<DatasetRef> datasets;
        private IdSet judgments, annotators;
        private Consumption consumption;
        private List<String> guidelineVersions;
        private String finishedAt;
        private Double wallSeconds;
        private Lineage parent, rewardModelLineage;

        Edit(Lineage l) {
            version = l.version;
            algorithm = l.algorithm;
            gitCommit = l.gitCommit;
            startedAt = l.startedAt;
            config = l.config;
            seed = l.seed;
            baseModel = l.baseModel;
            rewardModel = l.rewardModel;
            reference = l.reference;
            datasets = l.datasets;
            judgments = l.judgments;
            annotators = l.annotators;
            consumption = l.consumption;
            guidelineVersions = l.guidelineVersions;
            finishedAt = l.finishedAt;
            wallSeconds = l.wallSeconds;
            parent = l.parent;
            rewardModelLineage = l.rewardModelLineage;
        }

        Edit baseModel(ModelRef v) { baseModel = v; return this; }
        Edit rewardModel(ModelRef v) { rewardModel = v; return this; }
        Edit reference(ModelRef v) { reference = v; return this; }
        Edit datasets(List<DatasetRef> v) { datasets = v; return this; }
        Edit judgments(IdSet v) { judgments = v; return this; }
        Edit annotators(IdSet v) { annotators = v; return this; }
        Edit consumption(Consumption v) { consumption = v; return this; }
        Edit guidelineVersions(List<String> v) { guidelineVersions = v; return this; }
        Edit finishedAt(String v) { finishedAt = v; return this; }
        Edit wallSeconds(Double v) { wallSeconds = v; return this; }
        Edit parent(Lineage v) { parent = v; return this; }
        Edit rewardModelLineage(Lineage v) { rewardModelLineage = v; return this; }

        Lineage done() {
            return new Lineage(version, algorithm, baseModel, datasets, judgments, annotators, consumption,
                    guidelineVersions, config, seed, gitCommit, startedAt, finishedAt, wallSeconds, rewardModel, reference,
                    parent, rewardModelLineage);
        }
    }
}
