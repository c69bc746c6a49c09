package io.rlhf4j.cli;

import io.rlhf4j.train.bench.Bench;
import io.rlhf4j.train.bench.BenchOptions;
import io.rlhf4j.train.bench.Gpt2BenchLm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ./rlhf4j bench}: matmul peak, GPT-2 training throughput / MFU, generation with and without KV cache. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure matmul peak, training throughput (MFU) and generation speed; writes JSON.")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "bench.json", description = "Report file. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--quick", description = "Fewer sizes and repeats (a few minutes on 2 cores).")
    boolean quick;

    @Override
    public Integer call() throws Exception {
        BenchOptions options = quick ? BenchOptions.quick() : BenchOptions.full();
        Bench.Report report = Bench.run(options, Gpt2BenchLm.factory(options.promptLength() + options.newTokens()),
                System.err::println);
        Bench.write(report, out);
        System.out.printf("peak %.1f GFLOP/s; best training %.0f tokens/s (batch %d), MFU %.1f%%; wrote %s%n",
                report.peakGflops(), report.bestTraining().tokensPerSecond(), report.bestTraining().batchSize(),
                100 * report.bestTraining().mfu(), out.toAbsolutePath());
        return 0;
    }
}
