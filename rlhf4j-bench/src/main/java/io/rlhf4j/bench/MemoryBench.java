package io.rlhf4j.bench;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.rlhf4j.train.StepMetrics;
import io.rlhf4j.train.TrainConfig;
import io.rlhf4j.train.TrainingListener;
import io.rlhf4j.train.TrainingLoop;
import io.rlhf4j.train.optim.AdamW;
import io.rlhf4j.train.sft.SftLoss;
import io.rlhf4j.train.sft.TokenizedExample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Does memory stay flat over a long run? Trains a small model for many steps through the real loop
 * (SFT loss, AdamW, clipping) and samples, at intervals: the NDArrays alive in the whole engine
 * (every manager under DJL's system manager), the process's resident set (native libtorch memory
 * included, from /proc/self/status) and the Java heap after a GC. A leak of one array per step shows
 * as a count that climbs by thousands; a native leak as an RSS that keeps climbing after warm-up.
 */
public final class MemoryBench {
    /** Tolerated RSS growth after warm-up: allocator caches and JIT settle within a few hundred steps. */
    static final double FLAT_RSS_GROWTH_MB = 32;

    public record Sample(long step, @JsonProperty("live_arrays") int liveArrays, @JsonProperty("rss_mb") double rssMb,
                         @JsonProperty("heap_used_mb") double heapUsedMb, @JsonProperty("elapsed_s") double elapsedSeconds) { }

    /**
     * @param rssGrowthMb      resident set growth from the first sample after warm-up to the last
     * @param liveArrayGrowth  live arrays at the last sample minus at the first
     * @param flat             no array growth and RSS growth within {@link #FLAT_RSS_GROWTH_MB}
     */
    public record Result(int layers, int width, int context, int vocab, @JsonProperty("batch_size") int batchSize,
                         long steps, @JsonProperty("step_ms") double stepMs, List<Sample> samples,
                         @JsonProperty("rss_growth_mb") double rssGrowthMb,
                         @JsonProperty("live_array_growth") int liveArrayGrowth, boolean flat,
                         @JsonProperty("load_average_at_end") String loadAverageAtEnd) { }

    private MemoryBench() { }

    /** Trains {@code steps} steps of a small GPT-2 from {@code models}, sampling memory {@code samples} times. */
    public static Result run(BenchLmFactory models, long steps, int samples, Consumer<String> progress) {
        int layers = 2, width = 64, heads = 2, context = 64, vocab = 512, batch = 4;
        long every = Math.max(1, steps / samples);
        long t0 = System.nanoTime();
        try (NDManager manager = NDManager.newBaseManager();
             BenchLm model = models.create(layers, width, heads, context, vocab, manager)) {
            Random random = new Random(3);
            List<TokenizedExample> data = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                int[] ids = new int[context];
                for (int j = 0; j < ids.length; j++) ids[j] = random.nextInt(vocab);
                data.add(TokenizedExample.plain(ids));
            }
            TrainConfig config = new TrainConfig(steps, batch, 1, 1e-4, 1e-5, 10, AdamW.Hyper.defaults(), 1.0, 0, 0, 1, 1, true);
            List<Sample> taken = new ArrayList<>();
            taken.add(sample(0, t0));
            new TrainingLoop<>(config, model.parameters(), new SftLoss(model.forward(), context, 0), data, List.of(), null)
                    .addListener(new TrainingListener() {
                        @Override public void onStep(StepMetrics m) {
                            if (m.step() % every != 0 && m.step() != steps) return;
                            Sample s = sample(m.step(), t0);
                            taken.add(s);
                            progress.accept(String.format("memory step %d: %d live arrays, RSS %.1f MB, heap %.1f MB",
                                    s.step(), s.liveArrays(), s.rssMb(), s.heapUsedMb()));
                        }
                    }).run();
            // the first in-run sample is the baseline: by then allocator pools and the JIT have warmed up
            Sample base = taken.get(Math.min(1, taken.size() - 1)), last = taken.get(taken.size() - 1);
            double growth = last.rssMb() - base.rssMb();
            int arrays = last.liveArrays() - base.liveArrays();
            double stepMs = (last.elapsedSeconds() - taken.get(0).elapsedSeconds()) * 1000 / steps;
            return new Result(layers, width, context, vocab, batch, steps, stepMs, taken, growth, arrays,
                    arrays <= 0 && growth <= FLAT_RSS_GROWTH_MB, MachineInfo.currentLoadAverage());
        }
    }

    private static Sample sample(long step, long t0) {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return new Sample(step, liveArrays(), residentSetMb(), (rt.totalMemory() - rt.freeMemory()) / 1048576.0,
                (System.nanoTime() - t0) / 1e9);
    }

    /** Every NDArray alive in the engine: a new base manager's parent is DJL's system manager. */
    static int liveArrays() {
        try (NDManager probe = NDManager.newBaseManager()) {
            return probe.getParentManager().getManagedArrays().size();
        }
    }

    /** VmRSS of this process in MB (-1 where /proc is not available). */
    static double residentSetMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
