package io.rlhf4j.core.data;

/** How a completion was sampled; null fields mean "not recorded" (e.g. imported data). */
public record SamplingSettings(Double temperature, Integer topK, Double topP, Integer maxNewTokens, Long seed) {
    public SamplingSettings {
        if (temperature != null && (temperature < 0 || temperature.isNaN())) {
            throw new IllegalArgumentException("sampling.temperature must be >= 0, was " + temperature);
        }
        if (topK != null && topK < 0) throw new IllegalArgumentException("sampling.top_k must be >= 0, was " + topK);
        if (topP != null && (topP <= 0 || topP > 1)) {
            throw new IllegalArgumentException("sampling.top_p must be in (0, 1], was " + topP);
        }
        if (maxNewTokens != null && maxNewTokens < 1) {
            throw new IllegalArgumentException("sampling.max_new_tokens must be >= 1, was " + maxNewTokens);
        }
    }

    public static final SamplingSettings UNKNOWN = new SamplingSettings(null, null, null, null, null);
}
