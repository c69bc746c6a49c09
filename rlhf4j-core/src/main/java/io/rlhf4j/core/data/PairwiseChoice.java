package io.rlhf4j.core.data;

/** The answer to "which response is better?". BOTH_BAD says neither is acceptable, which is not a tie. */
public enum PairwiseChoice { A, B, TIE, BOTH_BAD }
