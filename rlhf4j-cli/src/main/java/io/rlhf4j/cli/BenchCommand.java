package io.rlhf4j.cli;

import io.rlhf4j.bench.Bench;
import io.rlhf4j.bench.BenchOptions;
import io.rlhf4j.bench.Gpt2BenchLm;
import io.rlhf4j.bench.MemoryBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code ./rlhf4j bench}: matmul peak, GPT-2 training throughput / MFU, generation with and without
 * KV cache, memory over a long run. {@code ./rlhf4j bench memory} runs only the memory part.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = BenchCommand.Memory.class,
        description = "Measure matmul peak, training throughput (MFU), generation speed and memory flatness; writes JSON.")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "bench.json", description = "Report file. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--quick", description = "Fewer sizes, repeats and memory steps (about a minute on 2 cores).")
    boolean quick;

    @Override
    public Integer call() throws Exception {
        BenchOptions options = quick ? BenchOptions.quick() : BenchOptions.full();
        Bench.Report report = Bench.run(options, Gpt2BenchLm.factory(options.generationPositions()), System.err::println);
        Bench.write(report, out);
        System.out.printf("peak %.1f GFLOP/s; best training %.0f tokens/s (batch %d), MFU %.1f%%; KV cache speedup %s;"
                        + " memory %s over %d steps; load %s; wrote %s%n",
                report.peakGflops(), report.bestTraining().tokensPerSecond(), report.bestTraining().batchSize(),
                100 * report.bestTraining().mfu(), report.kvCacheSpeedup(), report.memory().flat() ? "flat" : "NOT flat",
                report.memory().steps(), report.loadAverageAtEnd(), out.toAbsolutePath());
        return 0;
    }

    /** {@code ./rlhf4j bench memory}: many small training steps, memory sampled at intervals. */
    @Command(name = "memory", mixinStandardHelpOptions = true,
            description = "Train a small model for many steps and check that NDArrays, RSS and heap stay flat.")
    static final class Memory implements Callable<Integer> {
        @Option(names = "--steps", defaultValue = "10000", description = "Training steps. Default: ${DEFAULT-VALUE}.")
        long steps;

        @Option(names = "--out", defaultValue = "bench-memory.json", description = "Report file. Default: ${DEFAULT-VALUE}.")
        Path out;

        @Override
        public Integer call() throws Exception {
            MemoryBench.Result r = MemoryBench.run(Gpt2BenchLm.factory(0), steps, 20, System.err::println);
            Bench.write(r, out);
            System.out.printf("%d steps (%.1f ms each): live arrays %+d, RSS %+.1f MB after warm-up: %s; wrote %s%n",
                    r.steps(), r.stepMs(), r.liveArrayGrowth(), r.rssGrowthMb(), r.flat() ? "flat" : "NOT flat",
                    out.toAbsolutePath());
            return r.flat() ? 0 : 1;
        }
    }
}
