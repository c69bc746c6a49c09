package io.rlhf4j.train.rl;

import io.rlhf4j.model.CausalLm;

/**
 * A score of the current policy that the optimiser does not train on: a true reward, a held-out
 * preference win rate. The health monitor reads it next to the proxy reward to spot reward hacking.
 */
@FunctionalInterface
public interface HeldOutEvaluator {
    double evaluate(CausalLm policy, long step);
}
