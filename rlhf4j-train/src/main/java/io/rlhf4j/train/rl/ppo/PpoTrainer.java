package io.rlhf4j.train.rl.ppo;

import io.rlhf4j.model.CausalLm;
import io.rlhf4j.model.ScalarHeadModel;
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
 * PPO over a causal LM policy (TRL's PPOTrainer): a frozen reference copied from the policy at
 * construction, a critic ({@link ScalarHeadModel}) initialised from the reward model when one is
 * given (TRL's default) or else from the policy trunk with a fresh head, and the shared
 * {@link RlRun} loop. The policy is trained in place.
 */
public final class PpoTrainer implements AutoCloseable {
    private final PpoConfig config;
    private final CausalLm policy;
    private final CausalLm reference;
    private final ScalarHeadModel critic;
    private final RewardFunction reward;
    private final int padId;
    private final int eosId;
    private final List<RlListener> listeners = new ArrayList<>();
    private HeldOutEvaluator evaluator;

    /**
     * @param valueInit a reward model to copy the critic from; null to build it from the policy trunk
     */
    public PpoTrainer(PpoConfig config, CausalLm policy, RewardFunction reward, ScalarHeadModel valueInit, int padId) {
        this.config = config;
        this.policy = policy;
        this.reward = reward;
        this.padId = padId;
        this.eosId = policy.config().eosTokenId();
        // Copies first: a copy of an array that already requires gradients would carry its autograd history.
        this.reference = policy.copy(policy.manager());
        this.critic = valueInit != null
                ? new ScalarHeadModel(valueInit.trunk().copy(policy.manager()),
                        copyHead(valueInit))
                : ScalarHeadModel.withNewHead(policy.copy(policy.manager()), config.run().seed());
    }

    private static ai.djl.ndarray.NDArray copyHead(ScalarHeadModel model) {
        return model.parameters().get(ScalarHeadModel.HEAD).duplicate();
    }

    public PpoTrainer addListener(RlListener listener) {
        listeners.add(listener);
        return this;
    }

    /** Scored every {@code evalEvery} steps; the health monitor compares it with the proxy reward. */
    public PpoTrainer withHeldOutEvaluator(HeldOutEvaluator e) {
        this.evaluator = e;
        return this;
    }

    public CausalLm reference() { return reference; }

    public ScalarHeadModel critic() { return critic; }

    /** Trains on {@code prompts}, resuming from {@code checkpoints}' latest if it has one (null: no checkpoints). */
    public RlResult train(List<int[]> prompts, CheckpointStore checkpoints) {
        RolloutSampler sampler = new RolloutSampler(policy, reference, reward, config.run().rollout(), padId);
        return new RlRun(config.run(), new PpoUpdate(config, policy, critic, padId), sampler, policy, prompts, eosId,
                checkpoints, evaluator, listeners).run();
    }

    /** Frees the reference and the critic (the policy belongs to the caller). */
    @Override
    public void close() {
        critic.close();
        reference.close();
    }
}
