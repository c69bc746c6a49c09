package io.rlhf4j.train.rl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rlhf4j.model.io.Safetensors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Periodic policy checkpoints chosen by a held-out validation signal: each validation of the
 * policy ({@link PolicyValidator}) is recorded, and the trained parameters of the best-scoring one
 * are kept as an in-memory snapshot (one, whatever the run's length). The run rolls back to it when
 * a health check asks (REWARD_HACKING: the proxy rose while validation fell) and, under
 * {@link Selection#BEST_VALIDATION}, ends with it rather than with the last step: over-optimisation
 * makes the last policy the worst one by the measure that matters, not the best.
 *
 * <p>Ties go to the earlier step (closer to the reference). Step 0 is the starting policy, so a
 * run whose every update made things worse ends where it started, and says so.
 *
 * <p>With a file (a run with resume checkpoints), every new best is also written there (one
 * safetensors file, its step, score and β in the metadata, renamed into place), with the validation
 * curve beside it, so a killed and resumed run still chooses among the validations before the kill.
 */
public final class CheckpointSelector implements AutoCloseable {

    /** Which policy a run ends with. */
    public enum Selection {
        /** The policy after the last step. */
        LAST,
        /** The best-validated policy (the last one when nothing was validated). */
        BEST_VALIDATION
    }

    /** One validation: the step, its score, and the proxy reward and KL of that step's rollout (null at step 0). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Validation(long step, double score, @JsonProperty("proxy_reward") Double proxyReward, Double kl) {}

    /**
     * The policy a run ended with and why.
     *
     * @param step      its step (0: the starting policy)
     * @param score     its validation score (null when nothing was validated)
     * @param lastStep  the run's last step
     * @param reason    one sentence, for logs
     * @param validator what the score measures (null without a validator)
     * @param curve     every validation, in order
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Choice(long step, Double score, @JsonProperty("last_step") long lastStep, String reason, String validator,
                         List<Validation> curve) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, NDArray> live;
    private final Path file;
    private final NDManager manager;
    private final List<Validation> curve = new ArrayList<>();
    private Map<String, NDArray> best;
    private long bestStep = -1;
    private double bestScore = Double.NEGATIVE_INFINITY;
    private double bestKlCoef;

    /** In memory only. */
    public CheckpointSelector(Map<String, NDArray> trainable) {
        this(trainable, null);
    }

    /**
     * @param trainable the run's trained parameters (updated in place by the optimiser, restored in place here)
     * @param file      where the best snapshot is kept on disk too (its curve beside it); null: memory only
     */
    public CheckpointSelector(Map<String, NDArray> trainable, Path file) {
        if (trainable.isEmpty()) throw new IllegalArgumentException("no parameters to snapshot");
        this.live = trainable;
        this.file = file;
        this.manager = trainable.values().iterator().next().getManager().newSubManager();
    }

    /**
     * Picks up the best snapshot and the curve a killed run left in the file, keeping the validations
     * up to {@code resumedStep} (the resumed run redoes the later ones). Returns whether there was one.
     */
    public boolean resume(long resumedStep) {
        if (file == null || !Files.isRegularFile(file)) return false;
        Map<String, String> meta = Safetensors.metadata(file);
        long step = Long.parseLong(meta.get("step"));
        if (step > resumedStep) return false; // written after the checkpoint the run resumes from: not its past
        try (NDManager scratch = manager.newSubManager()) {
            Map<String, NDArray> saved = Safetensors.read(file, scratch);
            if (!saved.keySet().equals(live.keySet())) {
                throw new IllegalArgumentException(file + ": parameters " + saved.keySet() + " differ from the run's " + live.keySet());
            }
            snapshot(saved);
        }
        bestStep = step;
        bestScore = Double.parseDouble(meta.get("score"));
        bestKlCoef = Double.parseDouble(meta.get("kl_coef"));
        Path curveFile = curveFile();
        if (Files.isRegularFile(curveFile)) {
            try {
                for (Validation v : JSON.readValue(curveFile.toFile(), Validation[].class)) if (v.step() <= resumedStep) curve.add(v);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + curveFile, e);
            }
        }
        return true;
    }

    /** Records a validation; snapshots the parameters (and β) when it is the best so far. Returns whether it was. */
    public boolean record(long step, double score, Double proxyReward, Double kl, double klCoef) {
        curve.add(new Validation(step, score, proxyReward, kl));
        boolean isBest = score > bestScore; // NaN never wins
        if (isBest) {
            snapshot(live);
            bestStep = step;
            bestScore = score;
            bestKlCoef = klCoef;
        }
        if (file != null) persist(isBest);
        return isBest;
    }

    private void snapshot(Map<String, NDArray> from) {
        if (best == null) best = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : from.entrySet()) {
            NDArray old = best.get(e.getKey());
            if (old != null) {
                old.set(e.getValue().toByteBuffer());
            } else {
                NDArray copy = e.getValue().duplicate();
                copy.attach(manager);
                best.put(e.getKey(), copy);
            }
        }
    }

    /** The snapshot (when it changed) renamed into place whole, then the curve. */
    private void persist(boolean snapshotChanged) {
        try {
            Files.createDirectories(file.getParent());
            if (snapshotChanged) {
                Path temp = file.resolveSibling(file.getFileName() + ".tmp");
                Safetensors.write(temp, best, Safetensors.WriteType.F32, Map.of("step", Long.toString(bestStep),
                        "score", Double.toString(bestScore), "kl_coef", Double.toString(bestKlCoef)));
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            Path temp = curveFile().resolveSibling(curveFile().getFileName() + ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), curve);
            Files.move(temp, curveFile(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the best validated policy to " + file, e);
        }
    }

    private Path curveFile() {
        return file.resolveSibling("validation_curve.json");
    }

    public boolean hasBest() { return best != null; }

    public long bestStep() { return bestStep; }

    public double bestScore() { return bestScore; }

    /** β at the best validation (a rollback resumes the adaptive controller from it). */
    public double bestKlCoef() { return bestKlCoef; }

    public List<Validation> curve() { return List.copyOf(curve); }

    /** Whether the curve already holds a validation of {@code step}. */
    public boolean validatedAt(long step) {
        return curve.stream().anyMatch(v -> v.step() == step);
    }

    /** Copies the best snapshot into the live parameters (the optimiser's moments are left as they are). */
    public void restoreBest() {
        if (best == null) throw new IllegalStateException("nothing validated yet");
        for (Map.Entry<String, NDArray> e : live.entrySet()) e.getValue().set(best.get(e.getKey()).toByteBuffer());
    }

    /**
     * Ends the run: under {@link Selection#BEST_VALIDATION} restores the best snapshot when it is not
     * the last step's policy, and says which policy the run ends with and why.
     */
    public Choice choose(Selection selection, long lastStep, String validator) {
        if (best == null) {
            return new Choice(lastStep, null, lastStep, "no validation ran: the last policy", validator, curve());
        }
        Double lastScore = curve.get(curve.size() - 1).step() == lastStep ? curve.get(curve.size() - 1).score() : null;
        if (selection == Selection.LAST) {
            return new Choice(lastStep, lastScore, lastStep, "selection LAST: the last policy (best validation "
                    + fmt(bestScore) + " at step " + bestStep + ")", validator, curve());
        }
        if (bestStep == lastStep && lastScore != null && lastScore == bestScore) {
            return new Choice(lastStep, bestScore, lastStep, "the last policy had the best validation score "
                    + fmt(bestScore), validator, curve());
        }
        restoreBest();
        String why = "best validation score " + fmt(bestScore) + " at step " + bestStep
                + (lastScore == null ? " (the last step was not validated)" : ", above the last step's " + fmt(lastScore))
                + (bestStep == 0 ? ": no update improved on the starting policy" : "");
        return new Choice(bestStep, bestScore, lastStep, why, validator, curve());
    }

    private static String fmt(double x) {
        return String.format(java.util.Locale.ROOT, "%.4f", x);
    }

    @Override
    public void close() {
        manager.close();
    }
}
