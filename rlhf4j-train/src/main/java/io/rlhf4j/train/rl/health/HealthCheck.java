package io.rlhf4j.train.rl.health;

/** The failure modes the monitor watches for. */
public enum HealthCheck {
    /** Mean k1 KL below zero: samples not from the policy (temperature, top-k) or a broken reference. */
    NEGATIVE_KL,
    /** KL to the reference above the configured bound: the policy left the region the reward model knows. */
    KL_BLOWUP,
    /** Per-token entropy near zero: the policy stopped exploring. */
    ENTROPY_COLLAPSE,
    /** Responses shrinking to (almost) nothing. */
    LENGTH_COLLAPSE,
    /** Responses running into the token limit without EOS. */
    LENGTH_RUNAWAY,
    /** Responses degenerating into one token repeated. */
    REPETITION,
    /** A NaN or infinite loss, reward or gradient norm. */
    NON_FINITE,
    /** Proxy reward rising while the held-out score falls. */
    REWARD_HACKING
}
