package io.rlhf4j.train.rl.rollout;

import io.rlhf4j.model.generate.SamplingConfig;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * How each RL step samples: {@code promptsPerStep} prompts, {@code samplesPerPrompt} responses
 * each (the group GRPO and RLOO compare within; 1 is fine for PPO).
 *
 * @param temperature       sampling temperature; 1 keeps the samples on-policy (other values make
 *                          the k1 KL estimate biased and can drive it negative, which the health
 *                          monitor reports)
 * @param missingEosPenalty subtracted from the score of a response that hit {@code maxNewTokens}
 *                          without emitting EOS (TRL's {@code missing_eos_penalty}); 0 disables
 * @param stopIds           ids that end a response besides the model's EOS (a chat template's
 *                          end-of-turn); ending on one counts as reaching EOS
 */
public record RolloutConfig(int promptsPerStep, int samplesPerPrompt, int maxNewTokens, double temperature,
                            double missingEosPenalty, Set<Integer> stopIds) {
    public RolloutConfig {
        stopIds = Set.copyOf(stopIds);
        if (promptsPerStep < 1) throw new IllegalArgumentException("promptsPerStep must be >= 1, got " + promptsPerStep);
        if (samplesPerPrompt < 1) throw new IllegalArgumentException("samplesPerPrompt must be >= 1, got " + samplesPerPrompt);
        if (maxNewTokens < 1) throw new IllegalArgumentException("maxNewTokens must be >= 1, got " + maxNewTokens);
        if (!(temperature > 0)) throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        if (missingEosPenalty < 0) throw new IllegalArgumentException("missingEosPenalty must be >= 0");
    }

    /** Stopping on the model's EOS only. */
    public RolloutConfig(int promptsPerStep, int samplesPerPrompt, int maxNewTokens, double temperature,
                         double missingEosPenalty) {
        this(promptsPerStep, samplesPerPrompt, maxNewTokens, temperature, missingEosPenalty, Set.of());
    }

    /** 16 prompts x 1 sample, 64 new tokens at temperature 1, missing-EOS penalty 1, the model's EOS only. */
    public static RolloutConfig defaults() {
        return new RolloutConfig(16, 1, 64, 1.0, 1.0, Set.of());
    }

    public int samplesPerStep() { return promptsPerStep * samplesPerPrompt; }

    /** The generator's settings for a step seeded with {@code seed}. */
    public SamplingConfig sampling(long seed) {
        return new SamplingConfig(maxNewTokens, temperature, 0, 1, seed, true, List.of(), stopIds);
    }

    public static Builder builder() { return defaults().toBuilder(); }

    public Builder toBuilder() { return new Builder(this); }

    public static final class Builder {
        private int promptsPerStep, samplesPerPrompt, maxNewTokens;
        private double temperature, missingEosPenalty;
        private Set<Integer> stopIds;

        private Builder(RolloutConfig c) {
            promptsPerStep = c.promptsPerStep;
            samplesPerPrompt = c.samplesPerPrompt;
            maxNewTokens = c.maxNewTokens;
            temperature = c.temperature;
            missingEosPenalty = c.missingEosPenalty;
            stopIds = c.stopIds;
        }

        public Builder promptsPerStep(int v) { promptsPerStep = v; return this; }

        public Builder samplesPerPrompt(int v) { samplesPerPrompt = v; return this; }

        public Builder maxNewTokens(int v) { maxNewTokens = v; return this; }

        public Builder temperature(double v) { temperature = v; return this; }

        public Builder missingEosPenalty(double v) { missingEosPenalty = v; return this; }

        public Builder stopIds(Collection<Integer> v) { stopIds = Set.copyOf(v); return this; }

        public RolloutConfig build() {
            return new RolloutConfig(promptsPerStep, samplesPerPrompt, maxNewTokens, temperature, missingEosPenalty, stopIds);
        }
    }
}
