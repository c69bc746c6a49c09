package io.rlhf4j.train.reward;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reward models trained on the same labels with different seeds (head initialisation and data
 * order), scored together as {@code mean − k·std} over the members (Coste et al. 2023,
 * uncertainty-weighted optimisation): where the members disagree, the policy has left the region
 * the labels cover, and the penalty stops it from cashing in on one member's error. Usable wherever
 * a single reward model is ({@link RewardFunction}). The std is the population standard deviation
 * over members; each member scores with its own normalisation offset.
 *
 * <p>On disk: a folder with {@value #FILE} ({@code {"std_coef": k, "members": ["member-0", ...]}})
 * and one reward-model folder per member, as {@code train reward --ensemble-size N} writes it.
 */
public final class RewardEnsemble implements RewardFunction, AutoCloseable {
    public static final String FILE = "ensemble.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<RewardFunction> members;
    private final double stdCoef;
    private final List<RewardModelScorer> owned;

    /** Scores with {@code members} (not closed by this ensemble). */
    public RewardEnsemble(List<? extends RewardFunction> members, double stdCoef) {
        this(members, stdCoef, List.of());
    }

    private RewardEnsemble(List<? extends RewardFunction> members, double stdCoef, List<RewardModelScorer> owned) {
        if (members.size() < 2) throw new IllegalArgumentException("an ensemble needs at least 2 members, got " + members.size());
        if (!(stdCoef >= 0)) throw new IllegalArgumentException("stdCoef must be >= 0, got " + stdCoef);
        this.members = List.copyOf(members);
        this.stdCoef = stdCoef;
        this.owned = List.copyOf(owned);
    }

    public double stdCoef() { return stdCoef; }

    public int size() { return members.size(); }

    public List<RewardFunction> members() { return members; }

    @Override
    public double[] score(List<int[]> prompts, List<int[]> responses) {
        int n = prompts.size(), k = members.size();
        double[][] all = new double[k][];
        for (int j = 0; j < k; j++) {
            all[j] = members.get(j).score(prompts, responses);
            if (all[j].length != n) throw new IllegalStateException("member " + j + " returned " + all[j].length + " scores for " + n);
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double mean = 0;
            for (double[] m : all) mean += m[i];
            mean /= k;
            double var = 0;
            for (double[] m : all) var += (m[i] - mean) * (m[i] - mean);
            out[i] = mean - stdCoef * Math.sqrt(var / k);
        }
        return out;
    }

    /** Whether {@code dir} holds an ensemble (rather than a single reward model). */
    public static boolean isEnsemble(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE));
    }

    /** Writes the ensemble's index; {@code memberDirs} are relative to {@code dir}. */
    public static void write(Path dir, List<String> memberDirs, double stdCoef) {
        ObjectNode node = JSON.createObjectNode();
        node.put("std_coef", stdCoef);
        node.set("members", JSON.valueToTree(memberDirs));
        try {
            Files.createDirectories(dir);
            JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(FILE).toFile(), node);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(FILE), e);
        }
    }

    /** The member folders an ensemble index names, checked to exist. */
    public static List<Path> memberDirs(Path dir) {
        JsonNode node = readIndex(dir);
        JsonNode members = node.path("members");
        if (!members.isArray() || members.size() < 2) {
            throw new IllegalArgumentException(dir.resolve(FILE) + ": \"members\" must list at least 2 reward-model folders");
        }
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            Path p = dir.resolve(members.get(i).asText());
            if (!Files.isDirectory(p)) throw new IllegalArgumentException(dir.resolve(FILE) + ": members[" + i + "] " + p + " is not a folder");
            out.add(p);
        }
        return out;
    }

    /** Loads every member of the ensemble in {@code dir}; the ensemble owns (and closes) them. */
    public static RewardEnsemble load(Path dir, NDManager parent) {
        double k = readIndex(dir).path("std_coef").asDouble(1.0);
        List<RewardModelScorer> scorers = new ArrayList<>();
        try {
            for (Path p : memberDirs(dir)) scorers.add(RewardModelScorer.load(p, parent));
        } catch (RuntimeException e) {
            scorers.forEach(RewardModelScorer::close);
            throw e;
        }
        return new RewardEnsemble(scorers, k, scorers);
    }

    /** The loaded members as reward models (empty for an ensemble built from live functions). */
    public List<RewardModelScorer> scorers() { return owned; }

    private static JsonNode readIndex(Path dir) {
        try {
            return JSON.readTree(dir.resolve(FILE).toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + dir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        owned.forEach(RewardModelScorer::close);
    }
}
