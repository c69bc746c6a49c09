package io.rlhf4j.train.rl.grpo;

import io.rlhf4j.model.CausalLm;
import io.rlhf4j.train.checkpoint.CheckpointStore;
import io.rlhf4j.train.reward.RewardFunction;
import io.rlhf4j.train.rl.PolicyValidator;
import io.rlhf4j.train.rl.RlListener;
import io.rlhf4j.train.rl.RlResult;
import io.rlhf4j.train.rl.RlRun;
import io.rlhf4j.train.rl.rollout.RolloutSampler;

import java.util.ArrayList;
import java.util.List;

/**
 * GRPO and RLOO (TRL's GRPOTrainer / RLOOTrainer): no critic, a frozen reference given by the
 * caller (the SFT policy, never a copy of the policy being trained), the shared {@link RlRun} loop.
 * The policy is trained in place.
 */
public final class GrpoTrainer {
    private final GrpoConfig config;
    private final CausalLm policy;
    private final CausalLm reference;
    private final RewardFunction reward;
    private final int padId;
    private final List<RlListener> listeners = new ArrayList<>();
    private PolicyValidator validator;

    /** @param reference the frozen reference (the SFT policy); not closed by this trainer */
    public GrpoTrainer(GrpoConfig config, CausalLm policy, CausalLm reference, RewardFunction reward, int padId) {
        if (reference == null || reference == policy) {
            throw new IllegalArgumentException("the reference must be the frozen starting (SFT) policy, not null or the policy itself");
        }
        this.config = config;
        this.policy = policy;
        this.reference = reference;
        this.reward = reward;
        this.padId = padId;
    }

    public GrpoTrainer addListener(RlListener listener) {
        listeners.add(listener);
        return this;
    }

    /** See {@link io.rlhf4j.train.rl.ppo.PpoTrainer#withValidator}. */
    public GrpoTrainer withValidator(PolicyValidator v) {
        this.validator = v;
        return this;
    }

    public CausalLm reference() { return reference; }

    /** Trains on {@code prompts}, resuming from {@code checkpoints}' latest if it has one (null: no checkpoints). */
    public RlResult train(List<int[]> prompts, CheckpointStore checkpoints) {
        RolloutSampler sampler = new RolloutSampler(policy, reference, reward, config.run().rollout(), padId);
        return new RlRun(config.run(), new GrpoUpdate(config, policy, padId), sampler, policy, prompts,
                policy.config().eosTokenId(), checkpoints, validator, listeners).run();
    }
}
