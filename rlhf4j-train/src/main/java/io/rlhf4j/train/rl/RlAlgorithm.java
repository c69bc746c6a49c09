package io.rlhf4j.train.rl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.rlhf4j.train.optim.AdamW;
import io.rlhf4j.train.rl.rollout.Rollout;

import java.util.Map;

/** What differs between PPO, GRPO and RLOO: the parameters they train and the update from one rollout. */
public interface RlAlgorithm {

    /** Everything the update runs on, for one step. */
    record UpdateContext(AdamW optimizer, OptimConfig optim, double klCoef, long seed, NDManager scratch) {}

    /**
     * Averages over the step's minibatches.
     *
     * @param valueLoss          null without a critic
     * @param explainedVariance  null without a critic
     * @param ptxLoss            null without PPO-ptx
     * @param extraScoringNanos  time spent on scoring the algorithm does itself (critic values)
     */
    record UpdateStats(double loss, double policyLoss, Double valueLoss, double klPenalty, double clipFraction,
                       double approxKl, double gradNorm, Double explainedVariance, Double ptxLoss, long extraScoringNanos) {}

    String name();

    /** Names unique across models (e.g. "policy." / "value." prefixes): one optimizer and one checkpoint cover them. */
    Map<String, NDArray> trainableParameters();

    UpdateStats update(Rollout rollout, UpdateContext context);
}
