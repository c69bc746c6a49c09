package io.rlhf4j.bench;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.model.KvCache;
import io.rlhf4j.model.generate.GenerationResult;
import io.rlhf4j.model.generate.Generator;
import io.rlhf4j.model.generate.SamplingConfig;
import io.rlhf4j.model.tokenizer.Tokenizer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The engine's decoding on a real checkpoint, measured as run.c measures itself (tokens after the
 * first, per second of wall time), and a profile of one decode step: the transformer layers, the LM
 * head, and the per-operation cost of DJL's native calls, which a matrix-vector workload this small
 * is dominated by.
 */
public final class EngineDecode {
    /** One decoding run: {@code batch} sequences of {@code newTokens} from BOS. */
    public record Result(int batch, int newTokens, double seconds, double tokensPerSecond, double msPerStep, String sample) { }

    /**
     * Where a batch-1 decode step's time goes (medians over the measured steps): the layers
     * ({@code hiddenStates} with the KV cache), the LM head, the arrays DJL creates per step (one
     * native call each, roughly), and what one tiny native call costs here.
     */
    public record Profile(double stepMs, double layersMs, double lmHeadMs, int arraysPerStep, double microsPerTinyOp,
                          double dispatchShareOfStep) { }

    private EngineDecode() { }

    /** Batch 1 greedy (comparable with run.c's {@code -t 0}), or a batch of sampled sequences (temperature 1). */
    public static Result decode(CausalLm model, Tokenizer tok, int batch, int newTokens) {
        Generator generator = new Generator(model, tok);
        List<int[]> prompts = Collections.nCopies(batch, new int[] {tok.bosId()});
        SamplingConfig cfg = batch == 1 ? SamplingConfig.greedy(newTokens).withStopAtEos(false)
                : SamplingConfig.sampling(newTokens, 1.0, 7).withStopAtEos(false);
        generator.generate(List.of(new int[] {tok.bosId()}), SamplingConfig.greedy(4)); // warm-up
        long t0 = System.nanoTime();
        GenerationResult r = generator.generate(prompts, cfg);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double perStep = seconds / newTokens;
        // as run.c: the first token's step (the prefill) is not throughput
        double rate = batch * (newTokens - 1) / (seconds - perStep);
        return new Result(batch, newTokens, seconds, rate, 1000 * perStep, batch == 1 ? r.get(0).text(tok) : null);
    }

    /** Times {@code steps} single-token decode steps after BOS, layers and head apart. */
    public static Profile profile(CausalLm model, int bos, int steps) {
        List<Double> total = new ArrayList<>(), layers = new ArrayList<>(), head = new ArrayList<>();
        int arrays = 0;
        try (NDManager session = model.manager().newSubManager()) {
            KvCache cache = model.newCache(session);
            long token = bos;
            for (int i = 0; i < steps; i++) {
                try (NDManager step = session.newSubManager()) {
                    long t0 = System.nanoTime();
                    NDArray hidden = model.hiddenStates(step.create(new long[] {token}, new Shape(1, 1)), null, cache);
                    hidden.toFloatArray(); // wait for the layers (DJL is synchronous, this reads the result back)
                    long t1 = System.nanoTime();
                    NDArray logits = model.lmHead(hidden.get(":, -1, :"));
                    float[] l = logits.toFloatArray();
                    long t2 = System.nanoTime();
                    int best = 0;
                    for (int k = 1; k < l.length; k++) if (l[k] > l[best]) best = k;
                    token = best;
                    long t3 = System.nanoTime();
                    if (i >= 2) { // the first steps warm up
                        layers.add((t1 - t0) / 1e6);
                        head.add((t2 - t1) / 1e6);
                        total.add((t3 - t0) / 1e6);
                    }
                    arrays = ((BaseNDManager) step).getManagedArrays().size();
                }
            }
        }
        double tiny = microsPerTinyOp(model.manager(), model.config().hiddenSize());
        double stepMs = median(total);
        return new Profile(stepMs, median(layers), median(head), arrays, tiny, arrays * tiny / 1000 / stepMs);
    }

    /** Wall time of one elementwise add on a [1, width] array: the fixed cost of a native call. */
    static double microsPerTinyOp(NDManager parent, int width) {
        try (NDManager m = parent.newSubManager()) {
            NDArray a = m.ones(new Shape(1, width)), b = m.ones(new Shape(1, width));
            for (int i = 0; i < 200; i++) a.add(b).close();
            int n = 2000;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) a.add(b).close();
            return (System.nanoTime() - t0) / 1e3 / n;
        }
    }

    private static double median(List<Double> xs) {
        List<Double> s = xs.stream().sorted().toList();
        return s.isEmpty() ? Double.NaN : s.get(s.size() / 2);
    }
}
