package io.rlhf4j.train.dpo;

import ai.djl.ndarray.NDManager;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.train.reward.PreferenceExample;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reference log-probs for DPO, computed in one pass over the data before training (TRL's
 * {@code precompute_ref_log_probs}): the reference is frozen, so recomputing them every epoch
 * would only double the forward cost. Memoised per pair (by identity), so evaluating the held-out
 * pairs before training and again after costs one reference pass, not two.
 */
public final class ReferenceLogProbCache {
    private final CausalLm reference;
    private final int maxLength;
    private final int padId;
    private final int batchSize;
    private long forwardPasses;
    private final Map<PreferenceExample, double[]> cached = new IdentityHashMap<>();

    public ReferenceLogProbCache(CausalLm reference, int maxLength, int padId, int batchSize) {
        this.reference = reference;
        this.maxLength = maxLength;
        this.padId = padId;
        this.batchSize = batchSize;
    }

    /** Pairs with their reference log-probs; chosen and rejected of a batch go through the model together. */
    public List<DpoItem> precompute(List<PreferenceExample> pairs) {
        List<PreferenceExample> missing = new ArrayList<>();
        for (PreferenceExample p : pairs) if (!cached.containsKey(p)) missing.add(p);
        for (int from = 0; from < missing.size(); from += batchSize) {
            List<PreferenceExample> batch = missing.subList(from, Math.min(missing.size(), from + batchSize));
            List<int[]> prompts = new ArrayList<>(), responses = new ArrayList<>();
            for (PreferenceExample p : batch) { prompts.add(p.prompt()); responses.add(p.chosen()); }
            for (PreferenceExample p : batch) { prompts.add(p.prompt()); responses.add(p.rejected()); }
            try (NDManager m = reference.manager().newSubManager()) {
                float[] lp = ResponseLogProbs.of(reference, prompts, responses, maxLength, padId, m).toFloatArray();
                forwardPasses++;
                for (int i = 0; i < batch.size(); i++) cached.put(batch.get(i), new double[] {lp[i], lp[batch.size() + i]});
            }
        }
        List<DpoItem> out = new ArrayList<>(pairs.size());
        for (PreferenceExample p : pairs) {
            double[] lp = cached.get(p);
            out.add(new DpoItem(p, lp[0], lp[1]));
        }
        return out;
    }

    /** Batched reference forward passes so far. */
    public long forwardPasses() {
        return forwardPasses;
    }
}
