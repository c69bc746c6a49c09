package io.rlhf4j.cli;

import io.rlhf4j.train.TrainResult;
import io.rlhf4j.train.sft.ModelSource;
import io.rlhf4j.train.sft.SftConfig;
import io.rlhf4j.train.sft.SftJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./rlhf4j train sft}: supervised fine-tuning (or pretraining with {@code --format text}).
 * Re-running with the same {@code --out} resumes from {@code --out/checkpoints/latest}; Ctrl-C
 * stops after the current step and writes a checkpoint first.
 */
@Command(name = "sft", mixinStandardHelpOptions = true,
        description = "Supervised fine-tuning of a causal LM on demonstrations (or plain text).")
public final class TrainSftCommand implements Callable<Integer> {
    // defaults come from SftConfig.defaults(), so the CLI and the library cannot disagree
    private static final SftConfig DEFAULTS = SftConfig.defaults();

    @Option(names = "--model", description = "Hugging Face model directory or llama2.c .bin to start from.")
    Path model;

    @Option(names = "--init", description = "Start from random weights instead, e.g. gpt2:layers=2,dim=64,heads=4,context=256 "
            + "(llama: also kv_heads, hidden). Needs --tokenizer.")
    String init;

    @Option(names = "--tokenizer", description = "Tokenizer (tokenizer.json, a directory, or a llama2.c tok*.bin). "
            + "Default: the model's.")
    Path tokenizer;

    @Option(names = "--data", required = true, description = "Training data file.")
    Path data;

    @Option(names = "--format", defaultValue = "trl",
            description = "Data format: trl (messages / prompt-completion / preference), rlhf4j, hh-rlhf, or text "
                    + "(pretraining on .txt paragraphs or {\"text\"} JSONL). Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--eval-data", description = "Held-out data (same format). Default: hold out --eval-fraction.")
    Path evalData;

    @Option(names = "--eval-fraction", defaultValue = "0.05", description = "Default: ${DEFAULT-VALUE}.")
    double evalFraction;

    @Option(names = "--template", defaultValue = "auto", description = "Chat template: auto, chatml, role, plain. Default: ${DEFAULT-VALUE}.")
    String template;

    @Option(names = "--all-tokens", description = "Compute the loss on every token, not only assistant replies.")
    boolean allTokens;

    @Option(names = "--no-chosen", description = "Do not use preferred completions of preference pairs as demonstrations.")
    boolean noChosen;

    @Mixin
    TrainLoopOptions loop = new TrainLoopOptions(DEFAULTS.maxSteps(), DEFAULTS.numTrainEpochs(),
            DEFAULTS.perDeviceTrainBatchSize(), DEFAULTS.learningRate(), DEFAULTS.maxLength(), DEFAULTS.saveSteps(), DEFAULTS.seed());

    @Option(names = "--grad-accum", description = "Micro-batches per optimizer step. Default: ${DEFAULT-VALUE}.")
    int gradAccum = DEFAULTS.gradientAccumulationSteps();

    @Option(names = "--warmup-ratio", description = "Default: ${DEFAULT-VALUE}.")
    double warmupRatio = DEFAULTS.warmupRatio();

    @Option(names = "--weight-decay", description = "Default: ${DEFAULT-VALUE}.")
    double weightDecay = DEFAULTS.weightDecay();

    @Option(names = "--max-grad-norm", description = "Default: ${DEFAULT-VALUE}.")
    double maxGradNorm = DEFAULTS.maxGradNorm();

    @Option(names = "--eval-steps", description = "Default: ${DEFAULT-VALUE}.")
    int evalSteps = DEFAULTS.evalSteps();

    @Override
    public Integer call() throws Exception {
        if ((model == null) == (init == null)) throw new IllegalArgumentException("give exactly one of --model and --init");
        ModelSource source = model != null ? ModelSource.ofPath(model) : new ModelSource.Fresh(init, loop.seed);
        SftConfig config = SftConfig.builder().maxLength(loop.maxLength).assistantOnlyLoss(!allTokens).numTrainEpochs(loop.epochs)
                .maxSteps(loop.maxSteps).batch(loop.batchSize, gradAccum).learningRate(loop.lr).warmupRatio(warmupRatio)
                .weightDecay(weightDecay).maxGradNorm(maxGradNorm).evalSteps(evalSteps).saveSteps(loop.saveSteps).seed(loop.seed)
                .build();
        SftJob job = new SftJob(source, tokenizer, data, format, evalData, evalData == null ? evalFraction : 0, loop.out, config,
                template, !noChosen);
        SftJob.SftTrainerHandle handle = new SftJob.SftTrainerHandle();
        CountDownLatch finished = new CountDownLatch(1);
        Thread onCtrlC = new Thread(() -> {
            handle.requestStop();
            try {
                finished.await(120, TimeUnit.SECONDS); // let the loop finish its step and write the checkpoint
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        try {
            SftJob.Outcome outcome = job.run(List.of(new TrainingProgressBar("sft")), System.err::println, handle);
            TrainResult r = outcome.result();
            System.out.printf("trained %d steps (%s), %d tokens, final loss %.4f%s -> %s%n", r.steps(),
                    r.resumedFromStep() > 0 ? "resumed from " + r.resumedFromStep() : "fresh", r.tokensSeen(), r.lastLoss(),
                    r.lastEvalLoss() == null ? "" : String.format(", eval loss %.4f", r.lastEvalLoss()), outcome.modelDir());
            return r.stoppedEarly() ? 130 : 0;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // already shutting down (Ctrl-C): the hook is running and has been released above
            }
        }
    }
}
