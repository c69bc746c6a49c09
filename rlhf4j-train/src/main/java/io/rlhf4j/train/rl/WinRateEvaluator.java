package io.rlhf4j.train.rl;

import io.rlhf4j.model.CausalLm;
import io.rlhf4j.model.generate.GenerationResult;
import io.rlhf4j.model.generate.Generator;
import io.rlhf4j.model.generate.SamplingConfig;
import io.rlhf4j.train.reward.RewardFunction;

import java.util.List;

/**
 * The held-out win rate against the reference: on fixed held-out prompts, how often the policy's
 * response beats the reference policy's under a gold judge the optimiser never sees (held-out human
 * judgments, a stronger reward model, a known true reward). Ties count half. The reference's
 * responses are sampled once; the policy's with the same seed at every evaluation, so changes are
 * the policy's, not the sampling's. Falling while the proxy reward rises is the reward-hacking signal.
 */
public final class WinRateEvaluator implements PolicyValidator {
    private final RewardFunction gold;
    private final List<int[]> prompts;
    private final SamplingConfig sampling;
    private final double[] referenceScores;

    public WinRateEvaluator(CausalLm reference, RewardFunction gold, List<int[]> prompts, int maxNewTokens, long seed) {
        if (prompts.isEmpty()) throw new IllegalArgumentException("no held-out prompts");
        this.gold = gold;
        this.prompts = List.copyOf(prompts);
        this.sampling = SamplingConfig.sampling(maxNewTokens, 1.0, seed);
        this.referenceScores = gold.score(this.prompts, responses(reference));
    }

    @Override
    public String description() {
        return "win rate against the reference by a held-out judge on " + prompts.size() + " prompts";
    }

    @Override
    public double score(CausalLm policy) {
        double[] scores = gold.score(prompts, responses(policy));
        double wins = 0;
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] > referenceScores[i]) wins += 1;
            else if (scores[i] == referenceScores[i]) wins += 0.5;
        }
        return wins / scores.length;
    }

    private List<int[]> responses(CausalLm model) {
        GenerationResult r = new Generator(model, null).generate(prompts, sampling);
        return r.sequences().stream().map(GenerationResult.Sequence::tokens).toList();
    }
}
