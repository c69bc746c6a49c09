package io.rlhf4j.train.reward;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.rlhf4j.train.StepMetrics;
import io.rlhf4j.train.TrainingListener;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Early stopping of reward-model training on the held-out loss: every {@code interval} steps (and
 * at the last) the model is evaluated on the held-out judgments; the parameters of the evaluation
 * with the lowest held-out loss are kept as an in-memory snapshot; after {@code patience}
 * evaluations in a row without a lower loss, training stops. {@link #restoreBest} puts the best
 * parameters back, so the saved model is the best held-out one, not the last (a reward model
 * trained past its best is over-confident: worse held-out loss and calibration, and PPO exploits it).
 */
public final class EarlyStopping implements TrainingListener, AutoCloseable {

    /** One held-out evaluation during training. */
    public record Evaluation(long step, double epoch, RewardEvaluation heldOut) {}

    private final Supplier<RewardEvaluation> evaluate;
    private final Map<String, NDArray> parameters;
    private final long interval;
    private final long lastStep;
    private final int patience;
    private final Runnable stop;
    private final NDManager manager;
    private final List<Evaluation> evaluations = new ArrayList<>();
    private Map<String, NDArray> best;
    private Evaluation bestEvaluation;
    private int sinceBest;
    private boolean stopped;

    /**
     * @param evaluate   held-out evaluation of the model as it is now
     * @param parameters the trained parameters (snapshotted and restored in place)
     * @param patience   evaluations without improvement before {@code stop} is called; 0: never stop
     * @param stop       asks the training loop to stop after the current step
     */
    public EarlyStopping(Supplier<RewardEvaluation> evaluate, Map<String, NDArray> parameters, long interval, long lastStep,
                         int patience, Runnable stop) {
        if (interval < 1) throw new IllegalArgumentException("interval must be >= 1, got " + interval);
        this.evaluate = evaluate;
        this.parameters = parameters;
        this.interval = interval;
        this.lastStep = lastStep;
        this.patience = patience;
        this.stop = stop;
        this.manager = parameters.values().iterator().next().getManager().newSubManager();
    }

    @Override
    public void onStep(StepMetrics m) {
        if (m.step() % interval != 0 && m.step() != lastStep) return;
        RewardEvaluation e = evaluate.get();
        Evaluation at = new Evaluation(m.step(), m.epoch(), e);
        evaluations.add(at);
        if (bestEvaluation == null || e.loss() < bestEvaluation.heldOut().loss()) {
            bestEvaluation = at;
            sinceBest = 0;
            snapshot();
        } else if (patience > 0 && ++sinceBest >= patience && m.step() < lastStep) {
            stopped = true;
            stop.run();
        }
    }

    private void snapshot() {
        if (best == null) best = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
            NDArray copy = best.get(e.getKey());
            if (copy != null) {
                copy.set(e.getValue().toByteBuffer());
            } else {
                copy = e.getValue().duplicate();
                copy.attach(manager);
                best.put(e.getKey(), copy);
            }
        }
    }

    /** Puts the best evaluation's parameters back into the model; false when nothing was evaluated. */
    public boolean restoreBest() {
        if (best == null) return false;
        for (Map.Entry<String, NDArray> e : parameters.entrySet()) e.getValue().set(best.get(e.getKey()).toByteBuffer());
        return true;
    }

    public List<Evaluation> evaluations() { return List.copyOf(evaluations); }

    /** The evaluation with the lowest held-out loss, or null. */
    public Evaluation best() { return bestEvaluation; }

    /** Whether the patience ran out before the planned last step. */
    public boolean stoppedEarly() { return stopped; }

    @Override
    public void close() {
        manager.close();
    }
}
