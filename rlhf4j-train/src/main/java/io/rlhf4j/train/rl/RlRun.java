package io.rlhf4j.train.rl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.train.checkpoint.CheckpointStore;
import io.rlhf4j.train.checkpoint.TrainingState;
import io.rlhf4j.train.data.DataCursor;
import io.rlhf4j.train.optim.AdamW;
import io.rlhf4j.train.rl.health.HealthAction;
import io.rlhf4j.train.rl.health.HealthMonitor;
import io.rlhf4j.train.rl.health.HealthWarning;
import io.rlhf4j.train.rl.health.Repetition;
import io.rlhf4j.train.rl.rollout.Rollout;
import io.rlhf4j.train.rl.rollout.RolloutSampler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The loop every RL algorithm runs: measure the reward's scale on the reference, pick prompts, roll
 * out, update, adapt β, validate, check health, log, checkpoint, and end with the chosen policy.
 * Deterministic given the seed: step s samples prompts and tokens from a stream derived from
 * (seed, s, rollbacks), so a run resumed from the checkpoint of step s redoes exactly what the
 * killed run did.
 *
 * <p>The checkpoint holds the trained parameters, the optimizer moments and scalars stored as
 * tensors ({@code rl.kl_coef}, {@code rl.rollbacks}, {@code rl.reward_norm}), so the adaptive β and
 * the reward's scale resume exactly and the checkpoint stays one atomic write. Only steps without
 * warnings are checkpointed: a rollback then always lands on a healthy policy.
 *
 * <p>With a {@link PolicyValidator}, the policy is validated at step 0 and every
 * {@code validateEvery} steps; the {@link CheckpointSelector} keeps the best, a ROLLBACK goes back
 * to it, and (selection BEST_VALIDATION) the run ends with it. Without one, ROLLBACK restores the
 * last healthy resume checkpoint.
 */
public final class RlRun {
    static final String KL_COEF = "rl.kl_coef";
    static final String ROLLBACKS = "rl.rollbacks";
    static final String REWARD_NORM = "rl.reward_norm";
    /** The best validated policy's snapshot, in the checkpoint folder (with validation_curve.json beside it). */
    public static final String BEST_VALIDATED = "best-validated.safetensors";
    /**
     * Rollbacks in a row (with no healthy step in between) after which the run stops: each one
     * retries with fresh samples, but a failure that the policy, data or settings cause would repeat forever.
     */
    public static final int MAX_CONSECUTIVE_ROLLBACKS = 3;

    private final RlRunConfig config;
    private final RlAlgorithm algorithm;
    private final RolloutSampler sampler;
    private final CausalLm policy;
    private final List<int[]> prompts;
    private final int eosId;
    private final CheckpointStore checkpoints;
    private final PolicyValidator validator;
    private final List<RlListener> listeners;

    /**
     * @param sampler     samples the policy and scores against the frozen reference (which must be set:
     *                    the reward's scale is measured on it)
     * @param checkpoints resume checkpoints; null for none
     * @param validator   held-out validation; null for none
     */
    public RlRun(RlRunConfig config, RlAlgorithm algorithm, RolloutSampler sampler, CausalLm policy, List<int[]> prompts,
                 int eosId, CheckpointStore checkpoints, PolicyValidator validator, List<RlListener> listeners) {
        if (prompts.isEmpty()) throw new IllegalArgumentException("no prompts");
        this.config = config;
        this.algorithm = algorithm;
        this.sampler = sampler;
        this.policy = policy;
        this.prompts = List.copyOf(prompts);
        this.eosId = eosId;
        this.checkpoints = checkpoints;
        this.validator = validator;
        this.listeners = List.copyOf(listeners);
    }

    public RlResult run() {
        Map<String, NDArray> trainable = algorithm.trainableParameters();
        trainable.values().forEach(p -> p.setRequiresGradient(true));
        KlController kl = new KlController(config.kl());
        HealthMonitor monitor = new HealthMonitor(config.health());
        List<HealthWarning> report = new ArrayList<>();
        boolean validating = validator != null && config.validateEvery() > 0;
        try (NDManager runManager = NDManager.newBaseManager();
             AdamW optimizer = new AdamW(config.optim().adam(), runManager);
             CheckpointSelector selector = validating ? new CheckpointSelector(trainable,
                     checkpoints == null ? null : checkpoints.root().resolve(BEST_VALIDATED)) : null) {
            // float32, as the checkpoint stores every tensor (β is kept float-rounded for this reason)
            NDArray klTensor = runManager.create(new float[] {(float) kl.value()}, new Shape(1));
            NDArray rollbackTensor = runManager.create(new float[] {0}, new Shape(1));
            NDArray normTensor = runManager.create(new float[] {0, 1, 0}, new Shape(3));
            Map<String, NDArray> saved = new LinkedHashMap<>(trainable);
            saved.put(KL_COEF, klTensor);
            saved.put(ROLLBACKS, rollbackTensor);
            saved.put(REWARD_NORM, normTensor);

            long step = restore(saved, optimizer);
            long resumedFrom = step;
            kl.set(klTensor.getFloat(0));
            int rollbacks = (int) rollbackTensor.getFloat(0);
            RewardNormalizer normalizer = step > 0 ? restoredNormalizer(normTensor) : fitNormalizer();
            normTensor.set(new float[] {(float) normalizer.mean(), (float) normalizer.std(), normalizer.samples()});
            RolloutSampler sampler = this.sampler.withNormalizer(normalizer);
            int consecutiveRollbacks = 0;
            listeners.forEach(l -> l.onStart(resumedFrom));
            // a resumed run picks up the best policy validated before the kill, then validates where it resumes
            boolean validatedBefore = validating && step > 0 && selector.resume(step) && selector.validatedAt(step);
            if (validating && !validatedBefore) selector.record(step, validator.score(policy), null, null, kl.value());
            boolean stopped = false;
            long lastSaved = step;
            RlStepMetrics last = null;
            while (step < config.steps()) {
                long stepSeed = mix(config.seed(), step, rollbacks);
                long t0 = System.nanoTime();
                Rollout rollout = sampler.sample(pickPrompts(stepSeed), stepSeed);
                long t1 = System.nanoTime();
                RlAlgorithm.UpdateStats u;
                try (NDManager scratch = runManager.newSubManager()) {
                    u = algorithm.update(rollout, new RlAlgorithm.UpdateContext(optimizer, config.optim(), kl.value(),
                            stepSeed, scratch));
                }
                long t2 = System.nanoTime();
                double beta = kl.value();
                kl.update(rollout.meanKl(), rollout.size());
                step++;
                Double validation = validating && step % config.validateEvery() == 0 ? validator.score(policy) : null;
                if (validation != null) selector.record(step, validation, rollout.meanRawScore(), rollout.meanKl(), kl.value());
                RlStepMetrics m = metrics(step, rollout, u, beta, validation, t0, t1, t2);
                List<HealthWarning> warnings = monitor.check(m);
                m = m.withWarnings(warnings.stream().map(w -> w.check() + ": " + w.message()).toList());
                last = m;
                report.addAll(warnings);
                for (RlListener l : listeners) {
                    l.onStep(m);
                    warnings.forEach(l::onWarning);
                }
                HealthAction action = warnings.stream().map(HealthWarning::action).max(Enum::compareTo).orElse(null);
                boolean canRollBack = validating || canRestoreCheckpoint();
                if (action == HealthAction.STOP || action == HealthAction.ROLLBACK
                        && (!canRollBack || consecutiveRollbacks >= MAX_CONSECUTIVE_ROLLBACKS)) {
                    stopped = true;
                    if (!validating && canRestoreCheckpoint()) {
                        // hand back the last healthy policy, not the one that tripped the check
                        step = restore(saved, optimizer);
                        long to = step;
                        listeners.forEach(l -> l.onRollback(to));
                    }
                    break; // with a validator, the selection below hands back the best policy
                }
                if (action == HealthAction.ROLLBACK) {
                    rollbacks++;
                    consecutiveRollbacks++;
                    if (validating) {
                        selector.restoreBest();
                        step = selector.bestStep();
                        kl.set(selector.bestKlCoef());
                    } else {
                        step = restore(saved, optimizer);
                        kl.set(klTensor.getFloat(0));
                    }
                    monitor.reset();
                    long to = step;
                    listeners.forEach(l -> l.onRollback(to));
                    continue;
                }
                consecutiveRollbacks = 0;
                if (warnings.isEmpty() && checkpoints != null && config.checkpointEvery() > 0
                        && step % config.checkpointEvery() == 0) {
                    save(step, saved, klTensor, kl, rollbackTensor, rollbacks, optimizer);
                    lastSaved = step;
                }
            }
            CheckpointSelector.Choice choice = null;
            if (validating) {
                choice = selector.choose(config.selection(), step, validator.description());
                if (choice.step() != step) lastSaved = -1; // the chosen policy becomes the run's final checkpoint
            }
            if (checkpoints != null && lastSaved != step && (!stopped || validating)) {
                save(step, saved, klTensor, kl, rollbackTensor, rollbacks, optimizer);
            }
            RlResult result = new RlResult(choice == null ? step : choice.step(), resumedFrom, stopped, rollbacks,
                    List.copyOf(report), last, normalizer, choice);
            listeners.forEach(l -> l.onEnd(result));
            return result;
        }
    }

    /** Mean and std of the reward on the reference policy's samples of a fixed set of prompts (or none, as configured). */
    private RewardNormalizer fitNormalizer() {
        int n = config.rewardNormSamples();
        if (n == 0) return RewardNormalizer.none(config.rewardClip());
        long seed = mix(config.seed(), -1, 0);
        List<int[]> picked = new ArrayList<>(n);
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) picked.add(prompts.get(rng.nextInt(prompts.size())));
        RewardNormalizer fitted = RewardNormalizer.fit(sampler.referenceRewards(picked, seed), config.rewardClip());
        // float-rounded as stored in the checkpoint: a resumed run then scales bit-for-bit the same
        return new RewardNormalizer((float) fitted.mean(), (float) fitted.std(), fitted.samples(), fitted.clip());
    }

    private RewardNormalizer restoredNormalizer(NDArray normTensor) {
        float[] v = normTensor.toFloatArray();
        return v[2] > 0 ? new RewardNormalizer(v[0], v[1], (int) v[2], config.rewardClip()) : RewardNormalizer.none(config.rewardClip());
    }

    private RlStepMetrics metrics(long step, Rollout r, RlAlgorithm.UpdateStats u, double beta, Double validation,
                                  long t0, long t1, long t2) {
        double mean = r.meanScore(), var = 0;
        for (double s : r.scores()) var += (s - mean) * (s - mean);
        double std = Math.sqrt(var / Math.max(1, r.size() - 1));
        double scoringMs = (r.scoringNanos() + u.extraScoringNanos()) / 1e6;
        double trainingMs = (t2 - t1 - u.extraScoringNanos()) / 1e6;
        return new RlStepMetrics(algorithm.name(), step, config.steps(), mean, std, r.meanRawScore(), r.meanKl(), klStdErr(r), beta,
                r.meanEntropy(), u.clipFraction(), u.approxKl(), u.loss(), u.policyLoss(), u.valueLoss(), u.klPenalty(), u.ptxLoss(),
                u.explainedVariance(), u.gradNorm(), r.meanLength(), r.noEosFraction(),
                Repetition.degenerateFraction(r.responses(), config.health().repeatRun(), eosId),
                r.generationNanos() / 1e6, scoringMs, trainingMs, (t2 - t0) / 1e6, validation, List.of());
    }

    /** Standard error of the mean sequence KL over the rollout's samples. */
    static double klStdErr(Rollout r) {
        int n = r.size();
        if (n < 2) return Double.NaN; // no spread to judge by: the negative-KL check then stays silent
        double mean = r.meanKl(), var = 0;
        for (int i = 0; i < n; i++) var += (r.sequenceKl(i) - mean) * (r.sequenceKl(i) - mean);
        return Math.sqrt(var / (n - 1) / n);
    }

    /** {@code promptsPerStep} prompts drawn (with replacement across steps, without within one) from the pool. */
    private List<int[]> pickPrompts(long stepSeed) {
        int n = config.rollout().promptsPerStep();
        SplittableRandom rng = new SplittableRandom(stepSeed ^ 0x5DEECE66DL);
        List<int[]> out = new ArrayList<>(n);
        if (n >= prompts.size()) {
            for (int i = 0; i < n; i++) out.add(prompts.get(i % prompts.size()));
            return out;
        }
        for (int i : Minibatches.shuffled(prompts.size(), n, rng.nextLong()).get(0)) out.add(prompts.get(i));
        return out;
    }

    private boolean canRestoreCheckpoint() {
        return checkpoints != null && checkpoints.latest().isPresent();
    }

    /** Restores the latest checkpoint into {@code saved} (in place); returns its step, or 0 without one. */
    private long restore(Map<String, NDArray> saved, AdamW optimizer) {
        if (checkpoints == null) return 0;
        Optional<Path> latest = checkpoints.latest();
        if (latest.isEmpty()) return 0;
        try {
            TrainingState state = CheckpointStore.restore(latest.get(), saved, optimizer);
            if (state.seed() != config.seed()) {
                throw new IllegalArgumentException("checkpoint " + latest.get() + " was trained with seed " + state.seed()
                        + ", this run asks for " + config.seed());
            }
            return state.step();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resume from " + latest.get(), e);
        }
    }

    private void save(long step, Map<String, NDArray> saved, NDArray klTensor, KlController kl, NDArray rollbackTensor,
                      int rollbacks, AdamW optimizer) {
        klTensor.set(new float[] {(float) kl.value()});
        rollbackTensor.set(new float[] {rollbacks});
        try {
            checkpoints.save(new TrainingState(step, DataCursor.start(), step, config.seed()), saved, optimizer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint at step " + step, e);
        }
    }

    /** SplitMix-style mixing, so nearby (seed, step) pairs give unrelated streams. */
    static long mix(long seed, long step, int rollbacks) {
        long z = seed * 0x9E3779B97F4A7C15L + step * 0xBF58476D1CE4E5B9L + rollbacks * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
