package io.rlhf4j.train.rl.ppo;

import io.rlhf4j.model.CausalLm;
import io.rlhf4j.model.ScalarHeadModel;
import io.rlhf4j.train.checkpoint.CheckpointStore;
import io.rlhf4j.train.reward.RewardFunction;
import io.rlhf4j.train.rl.PolicyValidator;
import io.rlhf4j.train.rl.RlListener;
import io.rlhf4j.train.rl.RlResult;
import io.rlhf4j.train.rl.RlRun;
import io.rlhf4j.train.rl.rollout.RolloutSampler;
import io.rlhf4j.train.sft.TokenizedExample;

import java.util.ArrayList;
import java.util.List;

/**
 * PPO over a causal LM policy (TRL's PPOTrainer): a frozen reference given by the caller, a critic
 * ({@link ScalarHeadModel}) initialised from the reward model when one is given (TRL's default) or
 * else from the policy trunk with a fresh head, and the shared {@link RlRun} loop. The policy is
 * trained in place.
 *
 * <p>The reference is an explicit input, never a copy of the policy being trained: it is the SFT
 * (starting) policy of the whole pipeline, so a second round of RL from a round-1 policy is still
 * anchored to SFT, and the KL it reports is the KL to SFT.
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
    private PolicyValidator validator;
    private List<TokenizedExample> demonstrations = List.of();

    /**
     * @param reference the frozen reference (the SFT policy); not closed by this trainer, and not the policy itself
     * @param valueInit a reward model to copy the critic from; null to build it from the policy trunk
     */
    public PpoTrainer(PpoConfig config, CausalLm policy, CausalLm reference, RewardFunction reward, ScalarHeadModel valueInit,
                      int padId) {
        if (reference == null || reference == policy) {
            throw new IllegalArgumentException("the reference must be the frozen starting (SFT) policy, not null or the policy itself");
        }
        this.config = config;
        this.policy = policy;
        this.reference = reference;
        this.reward = reward;
        this.padId = padId;
        this.eosId = policy.config().eosTokenId();
        // Copies first: a copy of an array that already requires gradients would carry its autograd history.
        this.critic = valueInit != null
                ? new ScalarHeadModel(valueInit.trunk().copy(policy.manager()), copyHead(valueInit))
                : ScalarHeadModel.withNewHead(policy.copy(policy.manager()), config.run().seed());
    }

    private static ai.djl.ndarray.NDArray copyHead(ScalarHeadModel model) {
        return model.parameters().get(ScalarHeadModel.HEAD).duplicate();
    }

    public PpoTrainer addListener(RlListener listener) {
        listeners.add(listener);
        return this;
    }

    /**
     * Scores the policy every {@code validateEvery} steps and at step 0: the run keeps the best policy,
     * rolls back to it on REWARD_HACKING and ends with it ({@code run.selection()}).
     */
    public PpoTrainer withValidator(PolicyValidator v) {
        this.validator = v;
        return this;
    }

    /**
     * Demonstrations (prompt + response, loss on the response) for PPO-ptx; used when {@code ptxCoef > 0}.
     * Those with no target token within the policy's context are dropped: they carry no SFT signal.
     */
    public PpoTrainer withPtxDemonstrations(List<TokenizedExample> demos) {
        int context = policy.config().maxPositions();
        this.demonstrations = demos.stream().filter(d -> d.targetCount(context) > 0).toList();
        return this;
    }

    public CausalLm reference() { return reference; }

    public ScalarHeadModel critic() { return critic; }

    /** Trains on {@code prompts}, resuming from {@code checkpoints}' latest if it has one (null: no checkpoints). */
    public RlResult train(List<int[]> prompts, CheckpointStore checkpoints) {
        if (config.ptxCoef() > 0 && demonstrations.isEmpty()) {
            throw new IllegalArgumentException("ptxCoef is " + config.ptxCoef() + " but no ptx demonstrations were given");
        }
        RolloutSampler sampler = new RolloutSampler(policy, reference, reward, config.run().rollout(), padId);
        PpoUpdate update = new PpoUpdate(config, policy, critic, padId, config.ptxCoef() > 0 ? demonstrations : List.of());
        return new RlRun(config.run(), update, sampler, policy, prompts, eosId, checkpoints, validator, listeners).run();
    }

    /** Frees the critic (the policy and the reference belong to the caller). */
    @Override
    public void close() {
        critic.close();
    }
}
