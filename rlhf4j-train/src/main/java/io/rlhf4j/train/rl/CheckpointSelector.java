package io.rlhf4j.train.rl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

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

    private final Map<String, NDArray> live;
    private final NDManager manager;
    private final List<Validation> curve = new ArrayList<>();
    private Map<String, NDArray> best;
    private long bestStep = -1;
    private double bestScore = Double.NEGATIVE_INFINITY;
    private double bestKlCoef;

    /** @param trainable the run's trained parameters (updated in place by the optimiser, restored in place here) */
    public CheckpointSelector(Map<String, NDArray> trainable) {
        if (trainable.isEmpty()) throw new IllegalArgumentException("no parameters to snapshot");
        this.live = trainable;
        this.manager = trainable.values().iterator().next().getManager().newSubManager();
    }

    /** Records a validation; snapshots the parameters (and β) when it is the best so far. Returns whether it was. */
    public boolean record(long step, double score, Double proxyReward, Double kl, double klCoef) {
        curve.add(new Validation(step, score, proxyReward, kl));
        if (!(score > bestScore)) return false; // NaN never wins
        if (best == null) best = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : live.entrySet()) {
            NDArray old = best.get(e.getKey());
            if (old != null) {
                old.set(e.getValue().toByteBuffer());
            } else {
                NDArray copy = e.getValue().duplicate();
                copy.attach(manager);
                best.put(e.getKey(), copy);
            }
        }
        bestStep = step;
        bestScore = score;
        bestKlCoef = klCoef;
        return true;
    }

    public boolean hasBest() { return best != null; }

    public long bestStep() { return bestStep; }

    public double bestScore() { return bestScore; }

    /** β at the best validation (a rollback resumes the adaptive controller from it). */
    public double bestKlCoef() { return bestKlCoef; }

    public List<Validation> curve() { return List.copyOf(curve); }

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
