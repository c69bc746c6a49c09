package io.rlhf4j.train.dpo;

import ai.djl.ndarray.NDManager;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.train.reward.PreferenceExample;
import io.rlhf4j.train.reward.SyntheticStart;
import io.rlhf4j.train.synthetic.SyntheticTask;

import java.util.ArrayList;
import java.util.List;

/** Test fixtures: the SFT starting policy (see {@link SyntheticStart}) and labelled pairs of random responses. */
final class SyntheticPolicies {
    private SyntheticPolicies() {}

    /** SFT on demonstrations 80% on theme: the start DPO must improve on (its sampled true reward is ~0.5). */
    static CausalLm sftPolicy(NDManager parent, long seed, int steps) {
        return SyntheticStart.sftPolicy(parent, seed, steps, 0.8);
    }

    static List<PreferenceExample> pairs(int n, long seed) {
        List<PreferenceExample> out = new ArrayList<>(n);
        int i = 0;
        for (SyntheticTask.Pair p : SyntheticTask.preferencePairs(n, seed, 0.0)) {
            out.add(PreferenceExample.preferred("p-" + seed + "-" + i, p.prompt(), p.chosen(), p.rejected(), "d-" + seed + "-" + i++));
        }
        return out;
    }
}
