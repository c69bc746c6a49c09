package io.rlhf4j.train.rl.bestofn;

import io.rlhf4j.model.CausalLm;
import io.rlhf4j.train.reward.RewardFunction;
import io.rlhf4j.train.rl.rollout.Rollout;
import io.rlhf4j.train.rl.rollout.RolloutConfig;
import io.rlhf4j.train.rl.rollout.RolloutSampler;

import java.util.ArrayList;
import java.util.List;

/**
 * Best-of-n sampling (rejection sampling against the reward function), the baseline every RL
 * optimiser should beat per unit of KL: sample n responses per prompt on the shared rollout path
 * and keep the highest-scoring one. No training.
 */
public final class BestOfN {
    /** The chosen response for one prompt, its score and all n scores. */
    public record Choice(int[] prompt, int[] response, double score, double[] candidateScores) {}

    private final CausalLm policy;
    private final RewardFunction reward;
    private final int maxNewTokens;
    private final double temperature;
    private final int padId;

    public BestOfN(CausalLm policy, RewardFunction reward, int maxNewTokens, double temperature, int padId) {
        this.policy = policy;
        this.reward = reward;
        this.maxNewTokens = maxNewTokens;
        this.temperature = temperature;
        this.padId = padId;
    }

    /** For each prompt, the best of {@code n} samples drawn with {@code seed}; ties go to the earlier sample. */
    public List<Choice> choose(List<int[]> prompts, int n, long seed) {
        RolloutConfig config = new RolloutConfig(prompts.size(), n, maxNewTokens, temperature, 0);
        Rollout r = new RolloutSampler(policy, null, reward, config, padId).sample(prompts, seed);
        List<Choice> out = new ArrayList<>(prompts.size());
        for (int g = 0; g < prompts.size(); g++) {
            int best = g * n;
            double[] scores = new double[n];
            for (int i = 0; i < n; i++) {
                scores[i] = r.rawScores()[g * n + i];
                if (scores[i] > r.rawScores()[best]) best = g * n + i;
            }
            out.add(new Choice(prompts.get(g), r.responses().get(best), r.rawScores()[best], scores));
        }
        return out;
    }
}
