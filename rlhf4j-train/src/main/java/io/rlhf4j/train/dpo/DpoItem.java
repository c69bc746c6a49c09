package io.rlhf4j.train.dpo;

import io.rlhf4j.train.reward.PreferenceExample;

/** A preference pair with the reference policy's log-probs of both responses, computed once before training. */
public record DpoItem(PreferenceExample pair, double refChosen, double refRejected) {}
