package io.rlhf4j.train.rl;

import io.rlhf4j.model.CausalLm;

import java.util.function.ToDoubleFunction;

/**
 * A held-out validation signal for an RL run: a score of the current policy, higher is better, that
 * the optimiser never trains on. The run scores the policy every {@code validateEvery} steps (and
 * at step 0), keeps the best-scoring policy ({@link CheckpointSelector}) and ends with it; the
 * REWARD_HACKING health check compares it with the proxy reward.
 *
 * <p>What makes a good one: a gold judge on a validation split of prompts disjoint from the
 * evaluation prompts (simulated worlds, {@link WinRateEvaluator}); for real users, held-out human
 * preference pairs ({@link PreferenceAgreementValidator}). Not the training reward model on
 * training prompts: that is the proxy being over-optimised.
 */
public interface PolicyValidator {
    /** The score of {@code policy}; higher is better. Must not change the policy. */
    double score(CausalLm policy);

    /** What the score is, for logs and run files (e.g. "gold reward on 200 validation prompts"). */
    String description();

    static PolicyValidator of(String description, ToDoubleFunction<CausalLm> score) {
        return new PolicyValidator() {
            @Override public double score(CausalLm policy) { return score.applyAsDouble(policy); }

            @Override public String description() { return description; }
        };
    }
}
