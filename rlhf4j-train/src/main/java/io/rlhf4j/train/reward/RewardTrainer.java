package io.rlhf4j.train.reward;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.model.ScalarHeadModel;
import io.rlhf4j.model.generate.GenerationResult;
import io.rlhf4j.model.generate.Generator;
import io.rlhf4j.model.generate.SamplingConfig;
import io.rlhf4j.model.io.ModelIO;
import io.rlhf4j.train.TrainConfig;
import io.rlhf4j.train.TrainResult;
import io.rlhf4j.train.TrainingListener;
import io.rlhf4j.train.TrainingLoop;
import io.rlhf4j.train.checkpoint.CheckpointStore;
import io.rlhf4j.train.lineage.Consumption;
import io.rlhf4j.train.lineage.Lineage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains a reward model (TRL's RewardTrainer, InstructGPT grouping, Llama-2 margins) with the
 * generic {@link TrainingLoop}: a scalar head read at the last real token of prompt ++ response,
 * the losses of {@link RewardLoss}, held-out accuracy / loss / calibration evaluated periodically
 * with early stopping ({@link EarlyStopping}: the model ends at its best held-out loss), then a level
 * shift so a reference policy's mean reward is 0, and an HF-layout save with lineage and metrics
 * (every held-out evaluation included).
 */
public final class RewardTrainer {
    public static final String METRICS_FILE = "reward_metrics.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final RewardConfig config;
    private final ScalarHeadModel model;
    private final RewardLoss loss;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private Map<String, Double> annotatorWeights = Map.of();
    private Lineage lineage;
    private double offset;
    private RewardEvaluation lastEvaluation;
    private TrainResult lastResult;
    private List<EarlyStopping.Evaluation> evaluations = List.of();
    private EarlyStopping.Evaluation bestEvaluation;
    private boolean stoppedEarly;

    public RewardTrainer(RewardConfig config, ScalarHeadModel model) {
        this.config = config;
        this.model = model;
        this.loss = new RewardLoss(model, config);
    }

    public RewardTrainer addListener(TrainingListener listener) {
        listeners.add(listener);
        return this;
    }

    /**
     * Multiplies each comparison's weight by its annotator's weight (e.g. Dawid-Skene reliability);
     * annotators not in the map keep weight 1. Keeps the trainer independent of the store.
     */
    public RewardTrainer withAnnotatorWeights(Map<String, Double> weights) {
        this.annotatorWeights = Map.copyOf(weights);
        return this;
    }

    /** The lineage written beside every checkpoint and the final model (the trainer fills in the judgments). */
    public RewardTrainer withLineage(Lineage base) {
        this.lineage = base;
        return this;
    }

    public RewardConfig config() { return config; }

    public ScalarHeadModel model() { return model; }

    public RewardLoss loss() { return loss; }

    /** Trains on {@code train}, resuming from {@code checkpoints} when it has a checkpoint; evaluates on {@code heldOut}. */
    public TrainResult train(List<PreferenceExample> train, List<PreferenceExample> heldOut, CheckpointStore checkpoints) {
        List<JudgmentGroup> groups = JudgmentGroup.group(weighted(train));
        List<JudgmentGroup> eval = JudgmentGroup.group(weighted(heldOut));
        if (lineage == null) lineage = Lineage.start("reward-model", config, config.seed());
        lineage = lineage.withJudgments(train.stream().map(PreferenceExample::judgmentId).toList(),
                train.stream().map(PreferenceExample::annotatorId).toList());
        TrainConfig trainConfig = config.toTrainConfig(groups.size());
        Map<String, NDArray> trained = new LinkedHashMap<>(model.parameters());
        if (loss.lengthCovariate() != null) trained.put(LengthCovariate.NAME, loss.lengthCovariate().weight());
        TrainingLoop<JudgmentGroup> loop = new TrainingLoop<>(trainConfig, trained, loss, groups, List.of(),
                checkpoints);
        final Lineage forCheckpoints = lineage;
        loop.addListener(new TrainingListener() {
            @Override public void onCheckpoint(long step, Path folder) { forCheckpoints.write(folder); }
        });
        try (EarlyStopping early = eval.isEmpty() ? null : new EarlyStopping(() -> evaluate(heldOut), model.parameters(),
                config.evalInterval(groups.size()), trainConfig.maxSteps(), config.earlyStoppingPatience(), loop::requestStop)) {
            if (early != null) loop.addListener(early); // first: the other listeners see the step before a stop
            listeners.forEach(loop::addListener);
            lastResult = loop.run();
            evaluations = early == null ? List.of() : early.evaluations();
            bestEvaluation = early == null ? null : early.best();
            stoppedEarly = early != null && early.stoppedEarly();
            boolean restored = early != null && early.restoreBest();
            if (restored) {
                lastEvaluation = bestEvaluation.heldOut();
            } else if (!heldOut.isEmpty()) {
                lastEvaluation = evaluate(heldOut);
            }
            // the judgments that shaped the weights kept: up to the restored step, else all the run drew
            long drawn = restored ? bestEvaluation.step() * (long) config.perDeviceTrainBatchSize()
                    : Consumption.drawn(lastResult.dataEnd(), groups.size());
            lineage = lineage.withConsumption(Consumption.replay(groups, JudgmentGroup::judgmentId, g -> g.pairs().size(),
                    g -> g.pairs().get(0).annotatorId(), trainConfig.seed(), trainConfig.shuffle(), drawn));
        }
        return lastResult;
    }

    /** Every held-out evaluation of the last {@link #train}, in order. */
    public List<EarlyStopping.Evaluation> evaluations() { return evaluations; }

    /** The held-out evaluation the model was restored to (lowest held-out loss), or null. */
    public EarlyStopping.Evaluation bestEvaluation() { return bestEvaluation; }

    /** Whether early stopping ended the last {@link #train} before its planned last step. */
    public boolean stoppedEarly() { return stoppedEarly; }

    /** Accuracy, loss and calibration on {@code pairs} (annotator weights applied to the loss). */
    public RewardEvaluation evaluate(List<PreferenceExample> pairs) {
        return RewardEvaluation.of(loss, JudgmentGroup.group(weighted(pairs)), config.examplesPerPass(),
                model.trunk().manager());
    }

    /** The held-out evaluation of the model as {@link #train} left it (its best), or null. */
    public RewardEvaluation lastEvaluation() { return lastEvaluation; }

    /**
     * Sets the offset so that the mean (normalised) reward of {@code responses} to {@code prompts},
     * sampled from the reference policy, is 0. Returns the offset (the raw mean).
     */
    public double normalize(List<int[]> prompts, List<int[]> responses) {
        double[] raw = new RewardModelScorer(model, 0, config.maxLength(), config.padId(), 32).score(prompts, responses);
        double sum = 0;
        for (double r : raw) sum += r;
        offset = raw.length == 0 ? 0 : sum / raw.length;
        return offset;
    }

    /** Samples one response per prompt from {@code referencePolicy} and normalises on them. */
    public double normalize(CausalLm referencePolicy, List<int[]> prompts, SamplingConfig sampling) {
        GenerationResult samples = new Generator(referencePolicy, null).generate(prompts, sampling);
        List<int[]> responses = samples.sequences().stream().map(GenerationResult.Sequence::tokens).toList();
        return normalize(prompts, responses);
    }

    public double offset() { return offset; }

    /** This model as a reward function (normalised by the current offset); does not own the model. */
    public RewardModelScorer scorer() {
        return new RewardModelScorer(model, offset, config.maxLength(), config.padId(), 32);
    }

    /** HF layout (config.json carries offset, max length, pad id) + lineage.json + reward_metrics.json. */
    public void save(Path dir) {
        ModelIO.saveScalarHead(model, dir, config.padId());
        RewardModelScorer.writeSettings(dir, offset, config.maxLength(), config.padId());
        (lineage == null ? Lineage.start("reward-model", config, config.seed()) : lineage).finishedNow().write(dir);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("offset", offset);
        if (lastResult != null) {
            metrics.put("steps", lastResult.steps());
            metrics.put("final_train_loss", lastResult.lastLoss());
        }
        if (lastEvaluation != null) metrics.put("held_out", lastEvaluation);
        if (loss.lengthCovariate() != null) metrics.put("length_covariate_per_100_tokens", loss.lengthCovariate().perHundredTokens());
        if (bestEvaluation != null) {
            metrics.put("best_step", bestEvaluation.step());
            metrics.put("stopped_early", stoppedEarly);
            metrics.put("evaluations", evaluations);
        }
        try {
            JSON.writeValue(dir.resolve(METRICS_FILE).toFile(), metrics);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(METRICS_FILE), e);
        }
    }

    private List<PreferenceExample> weighted(List<PreferenceExample> pairs) {
        if (annotatorWeights.isEmpty()) return pairs;
        List<PreferenceExample> out = new ArrayList<>(pairs.size());
        for (PreferenceExample e : pairs) out.add(e.withWeight(e.weight() * annotatorWeights.getOrDefault(e.annotatorId(), 1.0)));
        return out;
    }
}
