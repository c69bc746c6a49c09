package io.rlhf4j.cli;

import io.rlhf4j.bench.Bench;
import io.rlhf4j.bench.BenchOptions;
import io.rlhf4j.bench.Gpt2BenchLm;
import io.rlhf4j.bench.MemoryBench;
import io.rlhf4j.bench.RealModelBench;
import io.rlhf4j.bench.TrainerMemory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code ./rlhf4j bench}: matmul peak, GPT-2 training throughput / MFU, generation with and without
 * KV cache, memory over a long run. {@code ./rlhf4j bench memory} runs only the memory part.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {BenchCommand.Memory.class, BenchCommand.Peer.class, BenchCommand.Trainers.class},
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

    /** {@code ./rlhf4j bench peer}: a real checkpoint beside llama2.c's run.c (source given, compiled here). */
    @Command(name = "peer", mixinStandardHelpOptions = true,
            description = "Decode tokens/s at batch 1 and 32 and one PPO step on stories15M, beside llama2.c's run.c built here.")
    static final class Peer implements Callable<Integer> {
        @Option(names = "--model", defaultValue = "../shared/models/stories15M/stories15M.bin",
                description = "llama2.c checkpoint. Default: ${DEFAULT-VALUE}.")
        Path model;

        @Option(names = "--tokenizer", description = "llama2.c tokenizer.bin. Default: tokenizer.bin beside the model.")
        Path tokenizer;

        @Option(names = "--llama2c", required = true, paramLabel = "run.c",
                description = "llama2.c's run.c source (fetched outside this repository; compiled with gcc -O3 -fopenmp).")
        Path runC;

        @Option(names = "--threads", description = "Threads for both (OMP_NUM_THREADS / torch intra-op). Default: the cores.")
        Integer threads;

        @Option(names = "--tokens", defaultValue = "256", description = "New tokens per sequence. Default: ${DEFAULT-VALUE}.")
        int tokens;

        @Option(names = "--out", defaultValue = "bench-peer.json", description = "Report file. Default: ${DEFAULT-VALUE}.")
        Path out;

        @Override
        public Integer call() throws Exception {
            Path tok = tokenizer != null ? tokenizer : model.toAbsolutePath().getParent().resolve("tokenizer.bin");
            int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            Path work = java.nio.file.Files.createTempDirectory("rlhf4j-bench-peer");
            RealModelBench.Report r = RealModelBench.run(model, tok, runC, n, tokens, work, System.err::println);
            Bench.write(r, out);
            System.out.printf("%d threads: llama2.c %.1f tokens/s; rlhf4j batch 1 %.1f (x%.2f), batch 32 %.1f (x%.2f of llama2.c "
                            + "run sequentially); PPO step %.0f ms; load %s; wrote %s%n", n, r.llama2c().medianTokensPerSecond(),
                    r.batch1().tokensPerSecond(), r.ratioBatch1(), r.batch32().tokensPerSecond(), r.ratioBatch32(),
                    r.ppo().step().stepMs(), r.loadAtEnd(), out.toAbsolutePath());
            return 0;
        }
    }

    /** {@code ./rlhf4j bench trainers}: peak memory of every trainer, each in its own process. */
    @Command(name = "trainers", mixinStandardHelpOptions = true,
            description = "Run each train command on stories260K and hh-rlhf at max-length 512 and record its peak RSS.")
    static final class Trainers implements Callable<Integer> {
        @Option(names = "--launcher", defaultValue = "./rlhf4j", description = "The rlhf4j launcher. Default: ${DEFAULT-VALUE}.")
        Path launcher;

        @Option(names = "--model", defaultValue = "../shared/models/stories260K/stories260K.bin", description = "Default: ${DEFAULT-VALUE}.")
        Path model;

        @Option(names = "--data", defaultValue = "../shared/data/hh-rlhf-harmless-base-test.jsonl.gz", description = "Default: ${DEFAULT-VALUE}.")
        Path data;

        @Option(names = "--steps", defaultValue = "3", description = "Steps per trainer. Default: ${DEFAULT-VALUE}.")
        int steps;

        @Option(names = "--out", defaultValue = "bench-trainers.json", description = "Report file. Default: ${DEFAULT-VALUE}.")
        Path out;

        @Override
        public Integer call() throws Exception {
            Path work = java.nio.file.Files.createTempDirectory("rlhf4j-bench-trainers");
            TrainerMemory.Report r = TrainerMemory.run(launcher, model, data, work, steps, System.err::println);
            Bench.write(r, out);
            r.runs().forEach(x -> System.out.printf("%-6s peak %6.0f MB  %5.0f s  exit %d%n", x.trainer(), x.peakRssMb(),
                    x.wallSeconds(), x.exitCode()));
            System.out.printf("load %s; wrote %s (logs in %s)%n", r.loadAtEnd(), out.toAbsolutePath(), work);
            return r.runs().stream().allMatch(x -> x.exitCode() == 0) ? 0 : 1;
        }
    }
}
