package io.rlhf4j.train.rl;

/**
 * The config of one RL trainer: {@link io.rlhf4j.train.rl.ppo.PpoConfig PPO's} or the critic-free
 * {@link io.rlhf4j.train.rl.grpo.GrpoConfig GRPO/RLOO's}, which both carry the run settings every
 * algorithm shares. A job switches over the two instead of casting an Object. (Not sealed: outside
 * a named module Java allows a sealed type's cases only in its own package.)
 */
public interface RlTrainerConfig {
    RlRunConfig run();
}
