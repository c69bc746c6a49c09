package io.rlhf4j.model.generate;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * How {@link Generator} picks tokens.
 *
 * @param maxNewTokens upper bound on generated tokens per sequence
 * @param temperature  0 means greedy (argmax); otherwise logits are divided by it before sampling
 * @param topK         keep only the k most likely tokens; 0 disables
 * @param topP         nucleus: keep the smallest most-likely set with probability ≥ p; 1 disables
 * @param seed         sequence i of a batch samples from a stream derived from (seed, i), so the
 *                     same call with the same seed returns the same tokens
 * @param stopAtEos    stop a sequence after it emits an EOS id: the tokenizer's (all of
 *                     {@code Tokenizer.stopIds()}, chat models list several) or the model config's
 *                     (the EOS token is kept)
 * @param stopStrings  stop a sequence once its decoded completion contains one of these (needs a
 *                     tokenizer; the token that completes the string is kept)
 * @param stopIds      further ids that end a sequence whatever {@code stopAtEos} says, e.g. a chat
 *                     template's end-of-turn ({@code ChatTemplate.stopIds()}, {@code <|im_end|>});
 *                     reported as {@code StopReason.EOS}
 */
public record SamplingConfig(int maxNewTokens, double temperature, int topK, double topP, long seed,
                             boolean stopAtEos, List<String> stopStrings, Set<Integer> stopIds) {

    public SamplingConfig {
        if (maxNewTokens < 0) throw new IllegalArgumentException("maxNewTokens must be >= 0");
        if (temperature < 0) throw new IllegalArgumentException("temperature must be >= 0");
        if (topK < 0) throw new IllegalArgumentException("topK must be >= 0");
        if (!(topP > 0 && topP <= 1)) throw new IllegalArgumentException("topP must be in (0, 1]");
        stopStrings = List.copyOf(stopStrings);
        stopIds = Set.copyOf(stopIds);
    }

    /** Without extra stop ids. */
    public SamplingConfig(int maxNewTokens, double temperature, int topK, double topP, long seed,
                          boolean stopAtEos, List<String> stopStrings) {
        this(maxNewTokens, temperature, topK, topP, seed, stopAtEos, stopStrings, Set.of());
    }

    public static SamplingConfig greedy(int maxNewTokens) {
        return new SamplingConfig(maxNewTokens, 0, 0, 1, 0, true, List.of(), Set.of());
    }

    public static SamplingConfig sampling(int maxNewTokens, double temperature, long seed) {
        return new SamplingConfig(maxNewTokens, temperature, 0, 1, seed, true, List.of(), Set.of());
    }

    public boolean isGreedy() { return temperature == 0; }

    public SamplingConfig withTopK(int k) { return new SamplingConfig(maxNewTokens, temperature, k, topP, seed, stopAtEos, stopStrings, stopIds); }
    public SamplingConfig withTopP(double p) { return new SamplingConfig(maxNewTokens, temperature, topK, p, seed, stopAtEos, stopStrings, stopIds); }
    public SamplingConfig withSeed(long s) { return new SamplingConfig(maxNewTokens, temperature, topK, topP, s, stopAtEos, stopStrings, stopIds); }
    public SamplingConfig withStopAtEos(boolean b) { return new SamplingConfig(maxNewTokens, temperature, topK, topP, seed, b, stopStrings, stopIds); }
    public SamplingConfig withStopIds(Collection<Integer> ids) { return new SamplingConfig(maxNewTokens, temperature, topK, topP, seed, stopAtEos, stopStrings, Set.copyOf(ids)); }
    public SamplingConfig withMaxNewTokens(int n) { return new SamplingConfig(n, temperature, topK, topP, seed, stopAtEos, stopStrings, stopIds); }
    public SamplingConfig withStopStrings(List<String> s) { return new SamplingConfig(maxNewTokens, temperature, topK, topP, seed, stopAtEos, s, stopIds); }
}
