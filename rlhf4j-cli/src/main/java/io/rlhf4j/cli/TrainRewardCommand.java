package io.rlhf4j.cli;

import io.rlhf4j.model.chat.ChatTemplate;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.model.ScalarHeadModel;
import io.rlhf4j.model.generate.SamplingConfig;
import io.rlhf4j.model.io.ModelIO;
import io.rlhf4j.model.tokenizer.Tokenizer;
import io.rlhf4j.model.tokenizer.Tokenizers;
import io.rlhf4j.train.MetricsLog;
import io.rlhf4j.train.TrainResult;
import io.rlhf4j.train.checkpoint.CheckpointStore;
import io.rlhf4j.train.lineage.Lineage;
import io.rlhf4j.train.reward.AnnotatorReliability;
import io.rlhf4j.train.reward.EarlyStopping;
import io.rlhf4j.train.reward.LengthBaselines;
import io.rlhf4j.train.reward.PreferenceData;
import io.rlhf4j.train.reward.PreferenceExample;
import io.rlhf4j.train.reward.RewardConfig;
import io.rlhf4j.train.reward.RewardEnsemble;
import io.rlhf4j.train.reward.RewardEvaluation;
import io.rlhf4j.train.reward.RewardModelScorer;
import io.rlhf4j.train.reward.RewardTrainer;
import io.rlhf4j.train.sft.ModelSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ./rlhf4j train reward}: a reward model (scalar head at the last real token) trained with
 * Bradley-Terry on stored or file preferences; writes HF layout + lineage.json +
 * reward_metrics.json + training_log.jsonl to {@code --out}. Re-running with the same {@code --out}
 * resumes from its checkpoints.
 */
@Command(name = "reward", mixinStandardHelpOptions = true,
        description = "Train a reward model on pairwise/ranking judgments (Bradley-Terry, ties, margins, weights).")
public final class TrainRewardCommand implements Callable<Integer> {

    @Option(names = "--model", description = "Start from this model: HF directory (an LM or a reward model) or llama2.c .bin. "
            + "An LM is also the reference policy the reward is normalised on.")
    Path model;

    @Option(names = {"--from-scratch", "--init"}, paramLabel = "SPEC",
            description = "Random trunk instead, e.g. llama:layers=2,dim=64,heads=4,context=256. Needs --tokenizer.")
    String init;

    @Option(names = "--tokenizer", description = "Tokenizer (tokenizer.json, directory or tok*.bin). Default: the model's.")
    Path tokenizer;

    @Mixin
    PreferenceInput input;

    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;

    @Option(names = "--max-steps", defaultValue = "-1", description = "Optimizer steps (overrides --epochs).")
    long maxSteps;

    @Option(names = "--epochs", description = "Passes over the judgments (at most; early stopping may end sooner). "
            + "Default: ${DEFAULT-VALUE}.")
    double epochs = RewardConfig.defaults().numTrainEpochs();

    @Option(names = "--eval-steps", description = "Evaluate on the held-out judgments every so many steps; 0: twice per epoch. "
            + "Default: ${DEFAULT-VALUE}.")
    int evalSteps = RewardConfig.defaults().evalSteps();

    @Option(names = "--early-stopping-patience", description = "Stop after this many held-out evaluations without a lower "
            + "held-out loss (the model is restored to its best evaluation either way); 0: never stop early. Default: ${DEFAULT-VALUE}.")
    int patience = RewardConfig.defaults().earlyStoppingPatience();

    @Option(names = "--ensemble-size", description = "Train this many reward models (seeds seed, seed+1, ...) into --out/member-i "
            + "and score them together as mean - k*std (use 3-5); 1: a single model. Default: ${DEFAULT-VALUE}.")
    int ensembleSize = RewardConfig.defaults().ensembleSize();

    @Option(names = "--ensemble-k", description = "k of the ensemble's score mean - k*std over members. Default: ${DEFAULT-VALUE}.")
    double ensembleK = RewardConfig.defaults().ensembleStdCoef();

    @Option(names = "--batch-size", defaultValue = "16", description = "Judgments per step (a ranking is one). Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Peak learning rate. Default: ${DEFAULT-VALUE}.")
    double lr;

    @Option(names = "--max-length", defaultValue = "512", description = "Prompt + response tokens (prompt start cut first). Default: ${DEFAULT-VALUE}.")
    int maxLength;

    @Option(names = "--margin-per-strength", defaultValue = "0", description = "Llama-2 margin per strength step above 1 (0: off). Default: ${DEFAULT-VALUE}.")
    double margin;

    @Option(names = "--tie-weight", defaultValue = "1", description = "Weight of the tie loss for TIE/BOTH_BAD pairs (0 drops them). Default: ${DEFAULT-VALUE}.")
    double tieWeight;

    @Option(names = "--both-bad-weight", defaultValue = "1", description = "Weight of the 'both below threshold' term. Default: ${DEFAULT-VALUE}.")
    double bothBadWeight;

    @Option(names = "--both-bad-threshold", defaultValue = "0", description = "Raw reward both-bad responses are pushed below. Default: ${DEFAULT-VALUE}.")
    double bothBadThreshold;

    @Option(names = "--annotator-weights", paramLabel = "dawid-skene|FILE",
            description = "dawid-skene: weight each annotator by max(0, 2r-1), r its Dawid-Skene reliability on the "
                    + "training pairs; or a JSON object {annotator id: weight} (others weigh 1). Default: none.")
    String annotatorWeights;

    @Option(names = "--normalize-samples", defaultValue = "64",
            description = "Reference-policy samples the reward offset is fitted on (0: no normalisation). Default: ${DEFAULT-VALUE}.")
    int normalizeSamples;

    @Option(names = "--save-steps", defaultValue = "200", description = "Checkpoint interval. Default: ${DEFAULT-VALUE}.")
    int saveSteps;

    @Option(names = "--length-covariate",
            description = "Length debiasing: learn a length term beside the reward (sigma(r_c - r_r + w*length diff)), so the "
                    + "reward need not learn length; the saved model scores r alone.")
    boolean lengthCovariate;

    @Option(names = "--seed", defaultValue = "42", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() throws Exception {
        if ((model == null) == (init == null)) throw new IllegalArgumentException("give exactly one of --model and --from-scratch");
        PrintStream info = System.err;
        long t0 = System.nanoTime();
        Path tokPath = TokenizerFiles.resolve(tokenizer, model);
        Tokenizer tok = Tokenizers.open(tokPath);
        if (model != null) ModelSource.ofPath(model).check(); // a broken model fails now, not after tokenising the data
        PreferenceInput.Loaded loaded = input.read(ChatTemplate.byName(input.template, tok));
        PreferenceData.Split split = PreferenceData.split(loaded.data().examples(), input.heldOutFraction, seed);
        info.printf("%s: %d comparisons %s from %d items; %d train / %d held-out%n", loaded.description(),
                loaded.data().examples().size(), loaded.data().outcomeCounts(), loaded.data().items(),
                split.train().size(), split.heldOut().size());
        Files.createDirectories(out);
        try {
            RewardConfig base = RewardConfig.builder().numTrainEpochs(epochs).maxSteps(maxSteps).perDeviceTrainBatchSize(batchSize)
                    .learningRate(lr).marginPerStrength(margin).tieWeight(tieWeight).bothBadWeight(bothBadWeight)
                    .bothBadThreshold(bothBadThreshold).evalSteps(evalSteps).earlyStoppingPatience(patience)
                    .saveSteps(saveSteps).padId(tok.batchPadId()).seed(seed).ensembleSize(ensembleSize).ensembleStdCoef(ensembleK)
                    .lengthCovariate(lengthCovariate)
                    .build();
            if (ensembleSize == 1) return trainOne(base, out, tok, tokPath, split, loaded, info, t0);
            List<String> members = new ArrayList<>();
            int status = 0;
            for (int i = 0; i < ensembleSize; i++) {
                String name = "member-" + i;
                info.printf("ensemble member %d of %d (seed %d) -> %s%n", i + 1, ensembleSize, seed + i, out.resolve(name));
                status = Math.max(status, trainOne(base.member(i), out.resolve(name), tok, tokPath, split, loaded, info,
                        System.nanoTime())); // each member's wall time is its own
                members.add(name);
            }
            RewardEnsemble.write(out, members, ensembleK);
            System.out.printf("ensemble of %d reward models, scored as mean - %.2f*std -> %s%n", ensembleSize, ensembleK, out);
            return status;
        } finally {
            if (tok instanceof AutoCloseable c) c.close();
        }
    }

    /** Trains, normalises and saves one reward model to {@code dir}; returns the exit status. */
    private int trainOne(RewardConfig base, Path dir, Tokenizer tok, Path tokPath, PreferenceData.Split split,
                         PreferenceInput.Loaded loaded, PrintStream info, long t0) throws Exception {
        Files.createDirectories(dir);
        try (NDManager manager = NDManager.newBaseManager()) {
            boolean fromRewardModel = model != null && Files.isDirectory(model) && isRewardModel(model);
            CausalLm reference = null;
            ScalarHeadModel rm;
            if (fromRewardModel) {
                rm = ModelIO.loadScalarHead(model, manager);
            } else {
                ModelSource source = model != null ? ModelSource.ofPath(model) : new ModelSource.Fresh(init, base.seed());
                CausalLm trunk = source.load(manager, tok.vocabSize());
                // the policy being rewarded starts as this LM: sample it for the normalisation (a fresh trunk is no policy)
                if (model != null && normalizeSamples > 0) reference = trunk.copy(manager);
                rm = ScalarHeadModel.withNewHead(trunk, base.seed());
            }
            int length = Math.min(maxLength, rm.trunk().config().maxPositions());
            RewardConfig config = base.toBuilder().maxLength(length).build();
            Lineage lineage = Lineage.start("reward-model", config, config.seed()).withDataset(loaded.ref())
                    .withGuidelineVersions(loaded.data().guidelineVersions());
            if (model != null) lineage = lineage.withBaseModel(model);
            RewardTrainer trainer = new RewardTrainer(config, rm).withLineage(lineage);
            Map<String, Double> weights = annotatorWeights(split.train(), info);
            if (weights != null) trainer.withAnnotatorWeights(weights);
            RewardEvaluation before = split.heldOut().isEmpty() ? null : trainer.evaluate(split.heldOut());
            TrainResult result;
            try (MetricsLog log = new MetricsLog(dir.resolve(MetricsLog.TRAIN_FILE))) {
                trainer.addListener(log).addListener(new TrainingProgressBar("reward"));
                result = trainer.train(split.train(), split.heldOut(),
                        new CheckpointStore(dir.resolve("checkpoints"), 2));
            }
            RewardEvaluation after = trainer.lastEvaluation();
            String normalisedOn = normalize(trainer, reference, split, length, tok);
            trainer.save(dir);
            io.rlhf4j.model.tokenizer.TokenizerFiles.copyInto(tok, tokPath, dir, length);
            // transformers then reads the inputs as training did: same chat layout, same pad (hence same pooling)
            io.rlhf4j.model.tokenizer.TokenizerFiles.annotate(dir, ChatTemplate.byName(input.template, tok).jinja(), config.padId());
            LengthBaselines lengths = lengthBaselines(trainer, split.heldOut());
            writeSummary(dir, trainer, before, result, normalisedOn, (System.nanoTime() - t0) / 1e9, loaded, lengths);
            PrintStream o = System.out;
            o.printf("trained %d steps (%s), final train loss %.4f%n", result.steps(),
                    result.resumedFromStep() > 0 ? "resumed from " + result.resumedFromStep() : "fresh", result.lastLoss());
            for (EarlyStopping.Evaluation e : trainer.evaluations()) {
                info.printf("  held-out at step %d (epoch %.2f): loss %.4f, accuracy %.4f, ECE %.4f%n", e.step(), e.epoch(),
                        e.heldOut().loss(), e.heldOut().accuracy(), e.heldOut().ece());
            }
            if (trainer.bestEvaluation() != null) {
                o.printf("kept the best held-out evaluation: step %d%s%n", trainer.bestEvaluation().step(),
                        trainer.stoppedEarly() ? " (early stopping ended the run)" : "");
            }
            if (after != null) {
                o.printf("held-out: accuracy %.4f (before %.4f) on %d preferred pairs, loss %.4f, ECE %.4f%n",
                        after.accuracy(), before.accuracy(), after.preferredPairs(), after.loss(), after.ece());
            }
            if (lengths != null) o.printf("held-out against length: %s%n", lengths.describe());
            if (trainer.loss().lengthCovariate() != null) {
                o.printf("length covariate: %+.4f per 100 tokens of length difference (dropped from the saved model)%n",
                        trainer.loss().lengthCovariate().perHundredTokens());
            }
            o.printf("reward offset %.4f (%s); wall %.1f s -> %s%n", trainer.offset(), normalisedOn,
                    (System.nanoTime() - t0) / 1e9, dir);
            return result.stoppedEarly() && !trainer.stoppedEarly() ? 130 : 0;
        }
    }

    /** The final model's held-out accuracy beside "shorter wins" and "longer wins" (null without held-out pairs). */
    private static LengthBaselines lengthBaselines(RewardTrainer trainer, List<PreferenceExample> heldOut) {
        List<PreferenceExample> pairs = LengthBaselines.preferred(heldOut);
        if (pairs.isEmpty()) return null;
        List<int[]> prompts = new ArrayList<>(), responses = new ArrayList<>();
        for (PreferenceExample e : pairs) {
            prompts.add(e.prompt());
            responses.add(e.chosen());
        }
        for (PreferenceExample e : pairs) {
            prompts.add(e.prompt());
            responses.add(e.rejected());
        }
        double[] r = trainer.scorer().score(prompts, responses);
        return LengthBaselines.of(pairs, Arrays.copyOfRange(r, 0, pairs.size()), Arrays.copyOfRange(r, pairs.size(), r.length));
    }

    /**
     * Sets the offset so the reference policy's mean reward is 0: on responses it samples for
     * held-out prompts (or training prompts), else, with no policy to sample (a fresh trunk or a
     * reward model), on the dataset's own responses, and the summary says which.
     */
    private String normalize(RewardTrainer trainer, CausalLm reference, PreferenceData.Split split, int length,
                             Tokenizer tok) {
        if (normalizeSamples <= 0) return "not normalised";
        long seed = trainer.config().seed();
        List<PreferenceExample> source = split.heldOut().isEmpty() ? split.train() : split.heldOut();
        List<int[]> prompts = new ArrayList<>();
        Map<String, Boolean> seen = new LinkedHashMap<>();
        int maxNew = Math.max(1, Math.min(64, length / 4));
        for (PreferenceExample e : source) {
            if (prompts.size() >= normalizeSamples) break;
            if (seen.putIfAbsent(e.promptId(), true) != null) continue;
            int[] p = e.prompt();
            // generation needs room for the reply within the model's context: keep the prompt's end
            prompts.add(p.length <= length - maxNew ? p : Arrays.copyOfRange(p, p.length - (length - maxNew), p.length));
        }
        if (reference != null) {
            SamplingConfig sampling = SamplingConfig.sampling(maxNew, 1.0, seed);
            trainer.normalize(reference, prompts, sampling);
            return "mean over " + prompts.size() + " reference-policy samples of up to " + maxNew + " tokens";
        }
        List<int[]> ps = new ArrayList<>(), rs = new ArrayList<>();
        for (PreferenceExample e : source) {
            if (ps.size() >= 2 * normalizeSamples) break;
            ps.add(e.prompt());
            rs.add(e.chosen());
            ps.add(e.prompt());
            rs.add(e.rejected());
        }
        trainer.normalize(ps, rs);
        return "mean over " + ps.size() + " dataset responses (no reference policy to sample)";
    }

    private void writeSummary(Path dir, RewardTrainer trainer, RewardEvaluation before, TrainResult result, String normalisedOn,
                              double seconds, PreferenceInput.Loaded loaded, LengthBaselines lengths) throws Exception {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("model", model != null ? model.toString() : "from scratch: " + init);
        s.put("data", loaded.description());
        s.put("comparisons", loaded.data().examples().size());
        s.put("held_out_before", before);
        s.put("held_out_after", trainer.lastEvaluation());
        s.put("held_out_evaluations", trainer.evaluations());
        s.put("held_out_length_baselines", lengths);
        s.put("best_step", trainer.bestEvaluation() == null ? null : trainer.bestEvaluation().step());
        s.put("stopped_early", trainer.stoppedEarly());
        s.put("steps", result.steps());
        s.put("seed", trainer.config().seed());
        s.put("normalisation", normalisedOn);
        s.put("offset", trainer.offset());
        s.put("wall_seconds", seconds);
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(dir.resolve("reward_run.json").toFile(), s);
    }

    private Map<String, Double> annotatorWeights(List<PreferenceExample> train, PrintStream info) throws java.io.IOException {
        if (annotatorWeights == null || annotatorWeights.isBlank()) return null;
        if (annotatorWeights.equalsIgnoreCase("dawid-skene")) {
            AnnotatorReliability.Weights w = AnnotatorReliability.dawidSkene(train);
            info.printf("Dawid-Skene over %d pairs, %d judgments: reliability %s -> weights %s%n", w.items(),
                    w.annotations(), w.reliability(), w.weights());
            Files.createDirectories(out);
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.resolve("annotator_weights.json").toFile(), w);
            return w.weights();
        }
        return readWeights(Path.of(annotatorWeights));
    }

    static boolean isRewardModel(Path dir) throws java.io.IOException {
        Path config = dir.resolve(ModelIO.CONFIG);
        return Files.isRegularFile(config) && new ObjectMapper().readTree(config.toFile()).has(RewardModelScorer.OFFSET_KEY);
    }

    static Map<String, Double> readWeights(Path file) throws java.io.IOException {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("--annotator-weights " + file + ": no such file (or say dawid-skene)");
        Map<String, Double> out = new LinkedHashMap<>();
        var node = new ObjectMapper().readTree(file.toFile());
        if (!node.isObject()) throw new IllegalArgumentException(file + ": expected a JSON object {annotator id: weight}");
        for (var it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().isNumber() || e.getValue().asDouble() < 0) {
                throw new IllegalArgumentException(file + ": field " + e.getKey() + ": weight must be a number >= 0");
            }
            out.put(e.getKey(), e.getValue().asDouble());
        }
        return out;
    }
}
