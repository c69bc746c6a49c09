package io.rlhf4j.bench;

import io.rlhf4j.train.StepMetrics;
import io.rlhf4j.train.TrainConfig;
import io.rlhf4j.train.TrainingListener;
import io.rlhf4j.train.TrainingLoop;
import io.rlhf4j.train.optim.AdamW;
import io.rlhf4j.train.sft.SftLoss;
import io.rlhf4j.train.sft.TokenizedExample;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Training throughput of the real loop (SFT loss, AdamW, clipping) on random tokens: tokens/s,
 * the forward / backward / optimizer split, and MFU = 6 * params * tokens/s / measured peak.
 * The first {@code warmupSteps} steps (allocator and thread-pool warm-up) are not counted.
 */
public final class TrainThroughputBench {
    public record Result(int batchSize, int seqLen, int measuredSteps, double tokensPerSecond, double stepMs,
                         double forwardMs, double backwardMs, double optimizerMs, double modelFlopsPerToken,
                         double achievedGflops, double adjacentPeakGflops, double mfu) { }

    private TrainThroughputBench() { }

    /**
     * @param peakGflops the run's best matmul figure; {@code adjacentPeakGflops} is a matmul measured
     *                   just before this batch size: on a shared machine the load changes within a run,
     *                   and MFU divides by the larger of the two so it is never flattered by a bad moment
     */
    public static Result measure(BenchLm model, int vocab, int batchSize, int seqLen, int warmupSteps, int measuredSteps,
                                 double peakGflops, double adjacentPeakGflops) {
        Random random = new Random(1);
        List<TokenizedExample> data = new ArrayList<>();
        for (int i = 0; i < batchSize * 2; i++) {
            int[] ids = new int[seqLen];
            for (int j = 0; j < ids.length; j++) ids[j] = random.nextInt(vocab);
            data.add(TokenizedExample.plain(ids));
        }
        TrainConfig config = new TrainConfig(warmupSteps + measuredSteps, batchSize, 1, 1e-4, 1e-5, 1,
                AdamW.Hyper.defaults(), 1.0, 0, 0, 1, 1, true);
        List<StepMetrics> steps = new ArrayList<>();
        new TrainingLoop<>(config, model.parameters(), new SftLoss(model.forward(), seqLen, 0), data, List.of(), null)
                .addListener(new TrainingListener() {
                    @Override public void onStep(StepMetrics m) {
                        if (m.step() > warmupSteps) steps.add(m);
                    }
                }).run();
        double stepMs = steps.stream().mapToDouble(StepMetrics::stepMs).average().orElseThrow();
        double tokensPerSecond = (double) batchSize * seqLen / (stepMs / 1000);
        double flopsPerToken = 6.0 * model.parameterCount();
        double achieved = flopsPerToken * tokensPerSecond / 1e9;
        return new Result(batchSize, seqLen, steps.size(), tokensPerSecond, stepMs,
                steps.stream().mapToDouble(StepMetrics::forwardMs).average().orElseThrow(),
                steps.stream().mapToDouble(StepMetrics::backwardMs).average().orElseThrow(),
                steps.stream().mapToDouble(StepMetrics::optimizerMs).average().orElseThrow(),
                flopsPerToken, achieved, adjacentPeakGflops, achieved / Math.max(peakGflops, adjacentPeakGflops));
    }
}
