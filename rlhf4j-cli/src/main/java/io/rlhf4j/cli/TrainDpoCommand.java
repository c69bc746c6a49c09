package io.rlhf4j.cli;

import io.rlhf4j.model.chat.ChatTemplate;
import ai.djl.ndarray.NDManager;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.model.tokenizer.Tokenizer;
import io.rlhf4j.model.tokenizer.Tokenizers;
import io.rlhf4j.train.MetricsLog;
import io.rlhf4j.train.TrainResult;
import io.rlhf4j.train.checkpoint.CheckpointStore;
import io.rlhf4j.train.dpo.DpoConfig;
import io.rlhf4j.train.dpo.DpoEvaluation;
import io.rlhf4j.train.dpo.DpoTrainer;
import io.rlhf4j.train.lineage.Lineage;
import io.rlhf4j.train.reward.PreferenceData;
import io.rlhf4j.train.sft.ModelSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code ./rlhf4j train dpo}: direct preference optimisation (or IPO, or conservative DPO with
 * {@code --label-smoothing}) of {@code --model} against a frozen copy of itself, on stored or file
 * preferences. Reference log-probs are computed once before training. Writes HF layout +
 * lineage.json + dpo_metrics.json + training_log.jsonl.
 */
@Command(name = "dpo", mixinStandardHelpOptions = true,
        description = "Direct preference optimisation (DPO, IPO, conservative DPO) of a causal LM on preference pairs.")
public final class TrainDpoCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "The SFT policy: HF directory or llama2.c .bin (also the frozen reference).")
    Path model;

    @Option(names = "--tokenizer", description = "Tokenizer (tokenizer.json, directory or tok*.bin). Default: the model's.")
    Path tokenizer;

    @Mixin
    PreferenceInput input;

    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;

    @Option(names = "--loss", defaultValue = "sigmoid", description = "sigmoid (DPO) or ipo (on per-token averaged "
            + "log-probs, as Azar et al. and TRL). Default: ${DEFAULT-VALUE}.")
    String loss;

    @Option(names = "--beta", defaultValue = "0.1", description = "KL strength (IPO: tau). Default: ${DEFAULT-VALUE}.")
    double beta;

    @Option(names = "--label-smoothing", defaultValue = "0", description = "Conservative DPO: assumed label-flip rate in [0, 0.5). Default: ${DEFAULT-VALUE}.")
    double labelSmoothing;

    @Option(names = "--max-steps", defaultValue = "-1", description = "Optimizer steps (overrides --epochs).")
    long maxSteps;

    @Option(names = "--epochs", defaultValue = "1", description = "Default: ${DEFAULT-VALUE}.")
    double epochs;

    @Option(names = "--batch-size", defaultValue = "16", description = "Pairs per step. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--lr", defaultValue = "1e-4", description = "Peak learning rate. Default: ${DEFAULT-VALUE}.")
    double lr;

    @Option(names = "--max-length", defaultValue = "512", description = "Prompt + response tokens (prompt start cut first). Default: ${DEFAULT-VALUE}.")
    int maxLength;

    @Option(names = "--save-steps", defaultValue = "200", description = "Checkpoint interval. Default: ${DEFAULT-VALUE}.")
    int saveSteps;

    @Option(names = "--seed", defaultValue = "42", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() throws Exception {
        PrintStream info = System.err;
        long t0 = System.nanoTime();
        DpoConfig.LossType type = switch (loss.toLowerCase(Locale.ROOT)) {
            case "sigmoid", "dpo" -> DpoConfig.LossType.SIGMOID;
            case "ipo" -> DpoConfig.LossType.IPO;
            default -> throw new IllegalArgumentException("--loss " + loss + ": expected sigmoid or ipo");
        };
        Path tokPath = TokenizerFiles.resolve(tokenizer, model);
        Tokenizer tok = Tokenizers.open(tokPath);
        PreferenceInput.Loaded loaded = input.read(ChatTemplate.byName(input.template, tok));
        PreferenceData.Split split = PreferenceData.split(loaded.data().examples(), input.heldOutFraction, seed);
        info.printf("%s: %d comparisons %s from %d items; %d train / %d held-out (DPO uses PREFERRED pairs only)%n",
                loaded.description(), loaded.data().examples().size(), loaded.data().outcomeCounts(),
                loaded.data().items(), split.train().size(), split.heldOut().size());
        Files.createDirectories(out);
        try (NDManager manager = NDManager.newBaseManager()) {
            CausalLm policy = ModelSource.ofPath(model).load(manager, tok.vocabSize());
            CausalLm reference = policy.copy(manager);
            int length = Math.min(maxLength, policy.config().maxPositions());
            int pad = tok.batchPadId();
            DpoConfig config = DpoConfig.builder().beta(beta).lossType(type).labelSmoothing(labelSmoothing).maxLength(length)
                    .numTrainEpochs(epochs).maxSteps(maxSteps).perDeviceTrainBatchSize(batchSize).learningRate(lr)
                    .saveSteps(saveSteps).padId(pad).seed(seed).build();
            DpoTrainer trainer = new DpoTrainer(config, policy, reference);
            trainer.withLineage(Lineage.start(config.lossType() == DpoConfig.LossType.IPO ? "ipo"
                            : labelSmoothing > 0 ? "cdpo" : "dpo", config, seed)
                    .withBaseModel(model).withDataset(loaded.ref()).withGuidelineVersions(loaded.data().guidelineVersions()));
            DpoEvaluation before = split.heldOut().isEmpty() ? null : trainer.evaluate(split.heldOut());
            TrainResult result;
            try (MetricsLog log = new MetricsLog(out.resolve(MetricsLog.TRAIN_FILE))) {
                trainer.addListener(log).addListener(new TrainingProgressBar(type == DpoConfig.LossType.IPO ? "ipo" : "dpo"));
                result = trainer.train(split.train(), split.heldOut(), new CheckpointStore(out.resolve("checkpoints"), 2));
            }
            trainer.save(out);
            TokenizerFiles.copy(tok, tokPath, out, length);
            PrintStream o = System.out;
            o.printf("trained %d steps (%s), final train loss %.4f; reference run %d times (once per batch of pairs)%n",
                    result.steps(), result.resumedFromStep() > 0 ? "resumed from " + result.resumedFromStep() : "fresh",
                    result.lastLoss(), trainer.referenceForwardPasses());
            DpoEvaluation after = trainer.lastEvaluation();
            if (after != null) {
                // before training the policy is the reference: every implicit reward is 0, so accuracy (chosen > rejected,
                // as TRL counts it) is 0 and the loss log 2; the loss is the comparable figure
                o.printf("held-out: implicit-reward accuracy %.4f, margin %.4f, loss %.4f (before training: %.4f)%n",
                        after.rewardAccuracy(), after.rewardMargin(), after.loss(), before.loss());
            }
            if (trainer.skippedComparisons() > 0) {
                o.printf("skipped %d TIE/BOTH_BAD comparisons (DPO's loss has no tie)%n", trainer.skippedComparisons());
            }
            o.printf("wall %.1f s -> %s%n", (System.nanoTime() - t0) / 1e9, out);
            return result.stoppedEarly() ? 130 : 0;
        } finally {
            if (tok instanceof AutoCloseable c) c.close();
        }
    }
}
