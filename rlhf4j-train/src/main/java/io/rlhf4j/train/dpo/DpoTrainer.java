package io.rlhf4j.train.dpo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.rlhf4j.core.data.Comparison.Outcome;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.model.io.ModelIO;
import io.rlhf4j.train.TrainResult;
import io.rlhf4j.train.TrainingListener;
import io.rlhf4j.train.TrainingLoop;
import io.rlhf4j.train.checkpoint.CheckpointStore;
import io.rlhf4j.train.TrainConfig;
import io.rlhf4j.train.lineage.Consumption;
import io.rlhf4j.train.lineage.Lineage;
import io.rlhf4j.train.reward.PreferenceExample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Direct preference optimisation (TRL's DPOTrainer) of {@code policy} against a frozen
 * {@code reference}, run by the generic {@link TrainingLoop}. Reference log-probs are computed once
 * per {@link #train} call, before the first step ({@link ReferenceLogProbCache}).
 *
 * <p>Only PREFERRED comparisons are used: DPO's loss has no notion of a tie or of "both bad", so
 * those are skipped (and counted in {@link #skippedComparisons()}) rather than silently misread.
 */
public final class DpoTrainer {
    public static final String METRICS_FILE = "dpo_metrics.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final DpoConfig config;
    private final CausalLm policy;
    private final ReferenceLogProbCache referenceCache;
    private final DpoLoss loss;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private Lineage lineage;
    private int skipped;
    private TrainResult lastResult;
    private DpoEvaluation lastEvaluation;

    /** {@code reference} is typically {@code policy.copy(...)} taken before training (the SFT model). */
    public DpoTrainer(DpoConfig config, CausalLm policy, CausalLm reference) {
        if (policy == reference) throw new IllegalArgumentException("the reference must be a frozen copy, not the policy itself");
        this.config = config;
        this.policy = policy;
        this.referenceCache = new ReferenceLogProbCache(reference, config.maxLength(), config.padId(),
                config.perDeviceTrainBatchSize());
        this.loss = new DpoLoss(policy, config);
    }

    public DpoTrainer addListener(TrainingListener listener) {
        listeners.add(listener);
        return this;
    }

    public DpoTrainer withLineage(Lineage base) {
        this.lineage = base;
        return this;
    }

    /** Reference forward passes so far (one per batch of pairs, never per epoch). */
    public long referenceForwardPasses() {
        return referenceCache.forwardPasses();
    }

    public int skippedComparisons() { return skipped; }

    public TrainResult train(List<PreferenceExample> train, List<PreferenceExample> heldOut, CheckpointStore checkpoints) {
        skipped = 0;
        List<DpoItem> trainItems = referenceCache.precompute(preferredOnly(train));
        List<DpoItem> evalItems = referenceCache.precompute(preferredOnly(heldOut));
        if (trainItems.isEmpty()) throw new IllegalArgumentException("no PREFERRED comparison to train on");
        if (lineage == null) lineage = Lineage.start(algorithm(), config, config.seed());
        lineage = lineage.withJudgments(train.stream().map(PreferenceExample::judgmentId).toList(),
                train.stream().map(PreferenceExample::annotatorId).toList());
        TrainConfig loopConfig = config.toTrainConfig(trainItems.size());
        TrainingLoop<DpoItem> loop = new TrainingLoop<>(loopConfig, policy.parameters(), loss, trainItems, List.of(), checkpoints);
        listeners.forEach(loop::addListener);
        final Lineage forCheckpoints = lineage;
        loop.addListener(new TrainingListener() {
            @Override public void onCheckpoint(long step, Path folder) { forCheckpoints.write(folder); }
        });
        lastResult = loop.run();
        lineage = lineage.withConsumption(Consumption.replay(trainItems, i -> i.pair().judgmentId(), i -> 1,
                i -> i.pair().annotatorId(), loopConfig.seed(), loopConfig.shuffle(), lastResult.dataEnd()));
        lastEvaluation = evalItems.isEmpty() ? null : DpoEvaluation.of(loss, config, evalItems, policy.manager());
        return lastResult;
    }

    /** DPO metrics on {@code pairs} (reference log-probs computed for them now). */
    public DpoEvaluation evaluate(List<PreferenceExample> pairs) {
        int skippedBefore = skipped;
        List<PreferenceExample> preferred = preferredOnly(pairs);
        skipped = skippedBefore; // only training's own skips are reported
        return DpoEvaluation.of(loss, config, referenceCache.precompute(preferred), policy.manager());
    }

    public DpoEvaluation lastEvaluation() { return lastEvaluation; }

    /** HF layout + lineage.json + dpo_metrics.json. */
    public void save(Path dir) {
        ModelIO.save(policy, dir);
        (lineage == null ? Lineage.start(algorithm(), config, config.seed()) : lineage).finishedNow().write(dir);
        Map<String, Object> metrics = new LinkedHashMap<>();
        if (lastResult != null) {
            metrics.put("steps", lastResult.steps());
            metrics.put("final_train_loss", lastResult.lastLoss());
        }
        metrics.put("skipped_non_preferred", skipped);
        if (lastEvaluation != null) metrics.put("held_out", lastEvaluation);
        try {
            JSON.writeValue(dir.resolve(METRICS_FILE).toFile(), metrics);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(METRICS_FILE), e);
        }
    }

    private String algorithm() {
        return config.lossType() == DpoConfig.LossType.IPO ? "ipo"
                : config.labelSmoothing() > 0 ? "cdpo" : "dpo";
    }

    private List<PreferenceExample> preferredOnly(List<PreferenceExample> pairs) {
        List<PreferenceExample> out = new ArrayList<>(pairs.size());
        for (PreferenceExample p : pairs) {
            if (p.outcome() == Outcome.PREFERRED) out.add(p);
            else skipped++;
        }
        return out;
    }
}
