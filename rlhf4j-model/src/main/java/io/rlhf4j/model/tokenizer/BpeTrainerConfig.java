package io.rlhf4j.model.tokenizer;

import java.util.List;

/**
 * What to learn. {@code vocabSize} counts everything: special tokens, the 256 byte symbols and the
 * merges, so the resulting embedding table has exactly this many rows (fewer if the corpus runs out
 * of pairs seen at least {@code minPairFrequency} times).
 *
 * @param vocabSize        target size, at least specials + 256
 * @param specialTokens    whole-string tokens that get the first ids, in this order (e.g. {@code <|endoftext|>})
 * @param minPairFrequency a pair seen fewer times than this is never merged
 */
public record BpeTrainerConfig(int vocabSize, List<String> specialTokens, int minPairFrequency) {
    public BpeTrainerConfig {
        specialTokens = List.copyOf(specialTokens);
        if (specialTokens.stream().distinct().count() != specialTokens.size()) {
            throw new IllegalArgumentException("special tokens must be distinct: " + specialTokens);
        }
        for (String s : specialTokens) {
            if (s.isEmpty()) throw new IllegalArgumentException("a special token must not be empty");
        }
        if (vocabSize < specialTokens.size() + 256) {
            throw new IllegalArgumentException("vocabSize " + vocabSize + " is below specials + 256 byte symbols ("
                    + (specialTokens.size() + 256) + ")");
        }
        if (minPairFrequency < 1) throw new IllegalArgumentException("minPairFrequency must be >= 1");
    }

    /** End-of-text, padding and the role markers our chat templates use. */
    public static final List<String> DEFAULT_SPECIALS = List.of(
            "<|endoftext|>", "<|pad|>", "<|system|>", "<|user|>", "<|assistant|>", "<|end|>",
            "<|im_start|>", "<|im_end|>");

    public static BpeTrainerConfig of(int vocabSize) {
        return new BpeTrainerConfig(vocabSize, DEFAULT_SPECIALS, 2);
    }
}
