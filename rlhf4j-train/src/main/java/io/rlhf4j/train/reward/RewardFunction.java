package io.rlhf4j.train.reward;

import java.util.List;

/**
 * A scalar reward for (prompt, response) token sequences, batched.
 *
 * <p>The contract shared by the RL optimisers (PPO, GRPO, RLOO, best-of-n) and every reward source:
 * a trained reward model ({@link RewardModelScorer}), a known synthetic reward, or a rule. Batched
 * because a reward model scores many responses in one forward pass.
 *
 * <p>Token ids only, no padding: {@code prompts.get(i)} and {@code responses.get(i)} are the real
 * tokens of the i-th sample (the response excludes the prompt). Implementations must not mutate the
 * arrays. Returned {@code double[]} has one reward per sample, in input order; higher is better.
 */
@FunctionalInterface
public interface RewardFunction {

    /** One reward per (prompt, response) pair; {@code prompts.size() == responses.size()}. */
    double[] score(List<int[]> prompts, List<int[]> responses);

    /** Convenience for a single sample. */
    default double score(int[] prompt, int[] response) {
        return score(List.of(prompt), List.of(response))[0];
    }
}
