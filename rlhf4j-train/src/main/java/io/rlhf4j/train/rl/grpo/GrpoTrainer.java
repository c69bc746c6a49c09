package io.rlhf4j.train.rl.grpo;

import io.rlhf4j.model.CausalLm;
import io.rlhf4j.train.checkpoint.CheckpointStore;
import io.rlhf4j.train.reward.RewardFunction;
import io.rlhf4j.train.rl.HeldOutEvaluator;
import io.rlhf4j.train.rl.RlListener;
import io.rlhf4j.train.rl.RlResult;
import io.rlhf4j.train.rl.RlRun;
import io.rlhf4j.train.rl.rollout.RolloutSampler;

import java.util.ArrayList;
import java.util.List;

/**
 * GRPO and RLOO (TRL's GRPOTrainer / RLOOTrainer): no critic, a frozen reference copied from the
 * policy at construction, the shared {@link RlRun} loop. The policy is trained in place.
 */
public final class GrpoTrainer implements AutoCloseable {
    private final GrpoConfig config;
    private final CausalLm policy;
    private final CausalLm reference;
    private final RewardFunction reward;
    private final int padId;
    private final List<RlListener> listeners = new ArrayList<>();
    private HeldOutEvaluator evaluator;

    public GrpoTrainer(GrpoConfig config, CausalLm policy, RewardFunction reward, int padId) {
        this.config = config;
        this.policy = policy;
        this.reward = reward;
        this.padId = padId;
        this.reference = policy.copy(policy.manager());
    }

    public GrpoTrainer addListener(RlListener listener) {
        listeners.add(listener);
        return this;
    }

    public GrpoTrainer withHeldOutEvaluator(HeldOutEvaluator e) {
        this.evaluator = e;
        return this;
    }

    public CausalLm reference() { return reference; }

    /** Trains on {@code prompts}, resuming from {@code checkpoints}' latest if it has one (null: no checkpoints). */
    public RlResult train(List<int[]> prompts, CheckpointStore checkpoints) {
        RolloutSampler sampler = new RolloutSampler(policy, reference, reward, config.run().rollout(), padId);
        return new RlRun(config.run(), new GrpoUpdate(config, policy, padId), sampler, policy, prompts,
                policy.config().eosTokenId(), checkpoints, evaluator, listeners).run();
    }

    @Override
    public void close() {
        reference.close();
    }
}
