package io.rlhf4j.bench;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One benchmark run: (a) the engine's matmul peak, (b) training throughput and MFU of a
 * GPT-2-shaped model over a batch-size sweep, (c) generation throughput with and without KV cache.
 * Returns every figure with the machine it was measured on; {@link #write} saves it as JSON.
 */
public final class Bench {

    public record Report(
            @JsonProperty("started_at") String startedAt,
            MachineInfo machine,
            BenchOptions options,
            List<MatmulBench.Result> matmul,
            @JsonProperty("peak_gflops") double peakGflops,
            @JsonProperty("parameter_count") long parameterCount,
            List<TrainThroughputBench.Result> training,
            @JsonProperty("best_training") TrainThroughputBench.Result bestTraining,
            List<GenerationBench.Result> generation,
            @JsonProperty("kv_cache_speedup") Map<String, Double> kvCacheSpeedup,
            @JsonProperty("kv_cache") List<KvCacheSpeedup> kvCache,
            MemoryBench.Result memory,
            @JsonProperty("seconds_total") double secondsTotal,
            @JsonProperty("load_average_at_end") String loadAverageAtEnd) { }

    /**
     * @param lowerBound true where the no-cache run generated fewer tokens than the cached one: its
     *                   per-token cost grows with length, so the true speedup at equal length is larger
     */
    public record KvCacheSpeedup(int batch, @JsonProperty("cached_new_tokens") int cachedNewTokens,
                                 @JsonProperty("no_cache_new_tokens") int noCacheNewTokens, double speedup,
                                 @JsonProperty("lower_bound") boolean lowerBound) { }

    private Bench() { }

    /** Runs everything in {@code options}; {@code progress} receives one line per measurement (the CLI prints them). */
    public static Report run(BenchOptions options, BenchLmFactory models, Consumer<String> progress) {
        long t0 = System.nanoTime();
        String started = Instant.now().toString();
        MachineInfo machine = MachineInfo.current();
        try (NDManager manager = NDManager.newBaseManager()) {
            List<MatmulBench.Result> matmul = new ArrayList<>();
            for (int n : options.matmulSizes()) {
                MatmulBench.Result r = MatmulBench.measure(n, options.matmulRepeats(), manager);
                progress.accept(String.format("matmul %d^3: %.1f GFLOP/s", n, r.gflops()));
                matmul.add(r);
            }
            double peak = matmul.stream().mapToDouble(MatmulBench.Result::gflops).max().orElseThrow();

            List<TrainThroughputBench.Result> training = new ArrayList<>();
            long params;
            try (NDManager modelManager = manager.newSubManager();
                 BenchLm model = models.create(options.layers(), options.width(), options.heads(), options.context(),
                         options.vocab(), modelManager)) {
                params = model.parameterCount();
                progress.accept(String.format("model: %d layers, %d wide, context %d, vocab %d: %.1fM parameters",
                        options.layers(), options.width(), options.context(), options.vocab(), params / 1e6));
                for (int batch : options.batchSizes()) {
                    double adjacent = MatmulBench.measure(options.matmulSizes().get(0), 3, manager).gflops();
                    TrainThroughputBench.Result r = TrainThroughputBench.measure(model, options.vocab(), batch, options.context(),
                            options.warmupSteps(), options.measuredSteps(), peak, adjacent);
                    progress.accept(String.format("train batch %d x %d: %.0f tokens/s, MFU %.1f%% (fwd %.0f ms, bwd %.0f ms, opt %.0f ms)",
                            batch, options.context(), r.tokensPerSecond(), 100 * r.mfu(), r.forwardMs(), r.backwardMs(),
                            r.optimizerMs()));
                    training.add(r);
                }
                List<GenerationBench.Result> generation = new ArrayList<>();
                Map<String, Double> speedup = new LinkedHashMap<>();
                List<KvCacheSpeedup> kvCache = new ArrayList<>();
                for (BenchOptions.GenerationCase c : options.generation()) {
                    GenerationBench.Result cached = GenerationBench.measure(model, options.vocab(), c.batch(),
                            options.promptLength(), c.newTokens(), true);
                    progress.accept(String.format("generate batch %d, %d new tokens, KV cache: %.1f tokens/s",
                            c.batch(), c.newTokens(), cached.tokensPerSecond()));
                    GenerationBench.Result uncached = GenerationBench.measure(model, options.vocab(), c.batch(),
                            options.promptLength(), c.noCacheNewTokens(), false);
                    progress.accept(String.format("generate batch %d, %d new tokens, no cache: %.1f tokens/s",
                            c.batch(), c.noCacheNewTokens(), uncached.tokensPerSecond()));
                    generation.add(cached);
                    generation.add(uncached);
                    double x = cached.tokensPerSecond() / uncached.tokensPerSecond();
                    speedup.put("batch_" + c.batch(), x);
                    kvCache.add(new KvCacheSpeedup(c.batch(), c.newTokens(), c.noCacheNewTokens(), x,
                            c.noCacheNewTokens() < c.newTokens()));
                }
                TrainThroughputBench.Result best = training.stream()
                        .max(Comparator.comparingDouble(TrainThroughputBench.Result::tokensPerSecond)).orElseThrow();
                model.close(); // the memory run measures its own small model, not this one's arrays
                modelManager.close();
                MemoryBench.Result memory = options.memorySteps() > 0
                        ? MemoryBench.run(models, options.memorySteps(), 20, progress) : null;
                return new Report(started, machine, options, matmul, peak, params, training, best, generation, speedup,
                        kvCache, memory, (System.nanoTime() - t0) / 1e9, MachineInfo.currentLoadAverage());
            }
        }
    }

    /** Writes any report record as indented JSON. */
    public static void write(Object report, Path file) throws IOException {
        if (file.toAbsolutePath().getParent() != null) Files.createDirectories(file.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), report);
    }
}
