package io.rlhf4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.rlhf4j.train.checkpoint.CheckpointStore;
import io.rlhf4j.train.checkpoint.TrainingState;
import io.rlhf4j.train.data.DataCursor;
import io.rlhf4j.train.data.ShuffledOrder;
import io.rlhf4j.train.optim.AdamW;
import io.rlhf4j.train.optim.GradientNorm;
import io.rlhf4j.train.optim.LrSchedule;
import io.rlhf4j.train.optim.WarmupCosineSchedule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A model-agnostic training loop: AdamW over a named parameter map, warmup + cosine learning rate,
 * global-norm gradient clipping, gradient accumulation, periodic evaluation, listeners, and
 * checkpoints that resume a killed run to the same parameters.
 *
 * <p>Memory discipline: everything one step allocates (activations, gradient handles, norms) lives
 * in a sub-manager closed at the end of the step; only parameters and optimizer moments persist.
 * The loop owns the (single per JVM) gradient collector and opens it around each micro-batch.
 */
public final class TrainingLoop<E> {
    private final TrainConfig config;
    private final Map<String, NDArray> parameters;
    private final TrainObjective<E> objective;
    private final List<E> trainSet;
    private final List<E> evalSet;
    private final CheckpointStore checkpoints;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private volatile boolean stopRequested;

    /**
     * @param parameters  the trainable arrays by name, updated in place (a model's own arrays)
     * @param evalSet     held-out examples (may be empty)
     * @param checkpoints where to save and resume from; null for no checkpoints
     */
    public TrainingLoop(TrainConfig config, Map<String, NDArray> parameters, TrainObjective<E> objective,
                        List<E> trainSet, List<E> evalSet, CheckpointStore checkpoints) {
        if (parameters.isEmpty()) throw new IllegalArgumentException("no parameters to train");
        if (trainSet.isEmpty()) throw new IllegalArgumentException("the training set is empty");
        this.config = config;
        this.parameters = new LinkedHashMap<>(parameters);
        this.objective = objective;
        this.trainSet = List.copyOf(trainSet);
        this.evalSet = List.copyOf(evalSet);
        this.checkpoints = checkpoints;
    }

    public TrainingLoop<E> addListener(TrainingListener listener) {
        listeners.add(listener);
        return this;
    }

    /** Asks the loop to stop after the current step; it saves a checkpoint (if it has a store) and returns. */
    public void requestStop() {
        stopRequested = true;
    }

    /** Trains until {@code maxSteps} (continuing from the latest checkpoint, if the store has one) or a stop request. */
    public TrainResult run() {
        parameters.values().forEach(p -> p.setRequiresGradient(true));
        LrSchedule schedule = new WarmupCosineSchedule(config.peakLr(), config.minLr(), config.warmupSteps(), config.maxSteps());
        try (NDManager loopManager = NDManager.newBaseManager();
             AdamW optimizer = new AdamW(config.adam(), loopManager)) {
            TrainingState state = resumeOrStart(optimizer);
            long resumedFrom = state.step();
            ShuffledOrder order = new ShuffledOrder(trainSet.size(), config.seed(), config.shuffle(), state.cursor());
            listeners.forEach(l -> l.onStart(resumedFrom, config.maxSteps()));
            long step = state.step();
            long tokensSeen = state.tokensSeen();
            long lastSaved = resumedFrom;
            double lastLoss = Double.NaN;
            Double lastEval = null;
            long started = System.nanoTime();
            while (step < config.maxSteps() && !stopRequested) {
                StepMetrics m;
                try (NDManager scratch = loopManager.newSubManager()) {
                    m = step(step, order, optimizer, schedule, scratch, tokensSeen, started);
                }
                step = m.step();
                tokensSeen = m.tokensSeen();
                lastLoss = m.loss();
                if (!evalSet.isEmpty() && (isDue(config.evalEvery(), step) || step == config.maxSteps())) {
                    lastEval = evaluate(loopManager);
                    m = withEval(m, lastEval);
                }
                state = new TrainingState(step, order.cursor(), tokensSeen, config.seed());
                if (checkpoints != null && isDue(config.checkpointEvery(), step)) {
                    save(state, optimizer);
                    lastSaved = step;
                }
                for (TrainingListener l : listeners) l.onStep(m);
            }
            if (checkpoints != null && lastSaved != step) save(state, optimizer);
            TrainResult result = new TrainResult(step, tokensSeen, lastLoss, lastEval, resumedFrom, step < config.maxSteps(),
                    order.cursor());
            listeners.forEach(l -> l.onEnd(result));
            return result;
        }
    }

    private StepMetrics step(long step, ShuffledOrder order, AdamW optimizer, LrSchedule schedule, NDManager scratch,
                             long tokensBefore, long started) {
        long t0 = System.nanoTime();
        long forwardNs = 0;
        long backwardNs = 0;
        double lossSum = 0;
        long tokens = 0;
        for (int micro = 0; micro < config.gradAccumSteps(); micro++) {
            List<E> batch = new ArrayList<>(config.microBatchSize());
            for (int i : order.next(config.microBatchSize())) batch.add(trainSet.get(i));
            try (NDManager microManager = scratch.newSubManager();
                 GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                long f0 = System.nanoTime();
                TrainObjective.LossOutput out = objective.loss(batch, microManager);
                long f1 = System.nanoTime();
                collector.backward(out.loss());
                backwardNs += System.nanoTime() - f1;
                forwardNs += f1 - f0;
                lossSum += out.loss().getFloat();
                tokens += out.tokens();
            }
        }
        double loss = lossSum / config.gradAccumSteps();
        if (!Double.isFinite(loss)) {
            throw new IllegalStateException("loss is " + loss + " at step " + (step + 1)
                    + ": training diverged; resume from the last checkpoint with a lower learning rate");
        }
        long o0 = System.nanoTime();
        Map<String, NDArray> grads = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
            NDArray g = e.getValue().getGradient();
            g.attach(scratch); // getGradient hands out a new handle on the parameter's manager: free it with the step
            grads.put(e.getKey(), g);
        }
        // Gradients summed over micro-batches; the mean is sum / accum, so its norm is norm / accum.
        double gradNorm = GradientNorm.of(grads.values(), scratch) / config.gradAccumSteps();
        double clip = GradientNorm.clipFactor(gradNorm, config.maxGradNorm());
        double lr = schedule.lr(step);
        optimizer.step(parameters, grads, lr, clip / config.gradAccumSteps());
        long end = System.nanoTime();
        double stepMs = (end - t0) / 1e6;
        long seen = tokensBefore + tokens;
        double epoch = order.cursor().epoch() + (double) order.cursor().position() / trainSet.size();
        return new StepMetrics(step + 1, config.maxSteps(), epoch, loss, lr, gradNorm, clip, tokens, seen,
                tokens / (stepMs / 1000), forwardNs / 1e6, backwardNs / 1e6, (end - o0) / 1e6, stepMs,
                (end - started) / 1e9, null);
    }

    /** Token-weighted mean loss over the whole eval set, outside any gradient collector. */
    private double evaluate(NDManager loopManager) {
        double weighted = 0;
        long tokens = 0;
        for (int from = 0; from < evalSet.size(); from += config.microBatchSize()) {
            List<E> batch = evalSet.subList(from, Math.min(evalSet.size(), from + config.microBatchSize()));
            try (NDManager evalManager = loopManager.newSubManager()) {
                TrainObjective.LossOutput out = objective.loss(batch, evalManager);
                weighted += out.loss().getFloat() * out.tokens();
                tokens += out.tokens();
            }
        }
        return tokens == 0 ? Double.NaN : weighted / tokens;
    }

    private TrainingState resumeOrStart(AdamW optimizer) {
        if (checkpoints != null) {
            Optional<Path> latest = checkpoints.latest();
            if (latest.isPresent()) {
                try {
                    TrainingState state = CheckpointStore.restore(latest.get(), parameters, optimizer);
                    if (state.seed() != config.seed()) {
                        throw new IllegalArgumentException("checkpoint " + latest.get() + " was trained with seed "
                                + state.seed() + ", this run asks for " + config.seed());
                    }
                    return state;
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot resume from " + latest.get(), e);
                }
            }
        }
        return new TrainingState(0, DataCursor.start(), 0, config.seed());
    }

    private void save(TrainingState state, AdamW optimizer) {
        try {
            Path folder = checkpoints.save(state, parameters, optimizer);
            for (TrainingListener l : listeners) l.onCheckpoint(state.step(), folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint at step " + state.step(), e);
        }
    }

    private static boolean isDue(int every, long step) {
        return every > 0 && step % every == 0;
    }

    private static StepMetrics withEval(StepMetrics m, double evalLoss) {
        return new StepMetrics(m.step(), m.maxSteps(), m.epoch(), m.loss(), m.lr(), m.gradNorm(), m.gradClipScale(),
                m.tokens(), m.tokensSeen(), m.tokensPerSecond(), m.forwardMs(), m.backwardMs(), m.optimizerMs(),
                m.stepMs(), m.elapsedSeconds(), evalLoss);
    }
}
