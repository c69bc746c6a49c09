package io.rlhf4j.model.generate;

import ai.djl.ndarray.NDManager;
import io.rlhf4j.model.Stories260K;
import io.rlhf4j.model.llama.LlamaModel;
import io.rlhf4j.model.tokenizer.Llama2cTokenizer;
import java.util.Collections;
import java.util.List;

/** Manual benchmark (not a test): tokens/s on stories260K with and without the KV cache. */
public final class GenerationBench {
    public static void main(String[] args) {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int newTokens = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        try (NDManager m = NDManager.newBaseManager(); LlamaModel model = Stories260K.load(m)) {
            Llama2cTokenizer tok = Stories260K.tokenizer();
            Generator gen = new Generator(model, tok);
            List<int[]> prompts = Collections.nCopies(batch, new int[] {1});
            SamplingConfig cfg = SamplingConfig.sampling(newTokens, 1.0, 1).withStopAtEos(false);
            gen.generate(prompts, cfg.withSeed(0)); // warm-up
            for (boolean cache : new boolean[] {true, false}) {
                long t0 = System.nanoTime();
                GenerationResult r = cache ? gen.generate(prompts, cfg) : gen.generateWithoutCache(prompts, cfg);
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf("batch %d, %d new tokens, cache=%b: %.2f s, %.0f tokens/s%n",
                        batch, newTokens, cache, s, r.totalGeneratedTokens() / s);
            }
        }
    }
}
