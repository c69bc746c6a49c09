package io.rlhf4j.cli;

import io.rlhf4j.train.TrainResult;
import io.rlhf4j.train.sft.ModelSource;
import io.rlhf4j.train.sft.SftConfig;
import io.rlhf4j.train.sft.SftJob;
import picocli.CommandLine.Command;
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

    @Option(names = "--out", required = true, description = "Output directory (HF layout, training_log.jsonl, checkpoints/).")
    Path out;

    @Option(names = "--template", defaultValue = "auto", description = "Chat template: auto, chatml, role, plain. Default: ${DEFAULT-VALUE}.")
    String template;

    @Option(names = "--all-tokens", description = "Compute the loss on every token, not only assistant replies.")
    boolean allTokens;

    @Option(names = "--no-chosen", description = "Do not use preferred completions of preference pairs as demonstrations.")
    boolean noChosen;

    @Option(names = "--max-steps", defaultValue = "-1", description = "Optimizer steps (overrides --epochs).")
    long maxSteps;

    @Option(names = "--epochs", defaultValue = "3", description = "Default: ${DEFAULT-VALUE}.")
    double epochs;

    @Option(names = "--batch-size", defaultValue = "8", description = "Examples per micro-batch. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--grad-accum", defaultValue = "1", description = "Micro-batches per optimizer step. Default: ${DEFAULT-VALUE}.")
    int gradAccum;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Peak learning rate. Default: ${DEFAULT-VALUE}.")
    double lr;

    @Option(names = "--warmup-ratio", defaultValue = "0.05", description = "Default: ${DEFAULT-VALUE}.")
    double warmupRatio;

    @Option(names = "--weight-decay", defaultValue = "0.0", description = "Default: ${DEFAULT-VALUE}.")
    double weightDecay;

    @Option(names = "--max-grad-norm", defaultValue = "1.0", description = "Default: ${DEFAULT-VALUE}.")
    double maxGradNorm;

    @Option(names = "--max-length", defaultValue = "1024", description = "Tokens per example (capped by the model). Default: ${DEFAULT-VALUE}.")
    int maxLength;

    @Option(names = "--eval-steps", defaultValue = "100", description = "Default: ${DEFAULT-VALUE}.")
    int evalSteps;

    @Option(names = "--save-steps", defaultValue = "200", description = "Checkpoint interval. Default: ${DEFAULT-VALUE}.")
    int saveSteps;

    @Option(names = "--seed", defaultValue = "42", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() throws Exception {
        if ((model == null) == (init == null)) throw new IllegalArgumentException("give exactly one of --model and --init");
        ModelSource source = model != null ? ModelSource.ofPath(model) : new ModelSource.Fresh(init, seed);
        SftConfig config = SftConfig.builder().maxLength(maxLength).assistantOnlyLoss(!allTokens).numTrainEpochs(epochs)
                .maxSteps(maxSteps).batch(batchSize, gradAccum).learningRate(lr).warmupRatio(warmupRatio)
                .weightDecay(weightDecay).maxGradNorm(maxGradNorm).evalSteps(evalSteps).saveSteps(saveSteps).seed(seed).build();
        SftJob job = new SftJob(source, tokenizer, data, format, evalData, evalData == null ? evalFraction : 0, out, config,
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
