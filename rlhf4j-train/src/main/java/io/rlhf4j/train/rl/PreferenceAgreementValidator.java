package io.rlhf4j.train.rl;

import ai.djl.ndarray.NDManager;
import io.rlhf4j.core.data.Comparison.Outcome;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.train.dpo.DpoItem;
import io.rlhf4j.train.dpo.ReferenceLogProbCache;
import io.rlhf4j.train.dpo.ResponseLogProbs;
import io.rlhf4j.train.reward.PreferenceExample;

import java.util.ArrayList;
import java.util.List;

/**
 * Validation by held-out human labels, for real users of {@code train ppo|grpo}: on preference
 * pairs the reward model never saw, the share where the policy moved towards the human's choice,
 * i.e. where its implicit reward margin (Rafailov et al. 2023)
 * {@code [log π(c) − log π_ref(c)] − [log π(r) − log π_ref(r)]} is positive (ties count half, so the
 * reference itself scores 0.5). It measures agreement with people rather than with the reward model
 * being optimised, so it falls when PPO exploits the reward model in ways people would not endorse.
 * Only PREFERRED pairs count; reference log-probs are computed once.
 */
public final class PreferenceAgreementValidator implements PolicyValidator {
    private static final int BATCH = 16;
    private final List<DpoItem> items;
    private final int maxLength;
    private final int padId;

    public PreferenceAgreementValidator(CausalLm reference, List<PreferenceExample> pairs, int maxLength, int padId) {
        List<PreferenceExample> preferred = pairs.stream().filter(p -> p.outcome() == Outcome.PREFERRED).toList();
        if (preferred.isEmpty()) throw new IllegalArgumentException("no PREFERRED validation pairs (" + pairs.size() + " given)");
        this.items = new ReferenceLogProbCache(reference, maxLength, padId, BATCH).precompute(preferred);
        this.maxLength = maxLength;
        this.padId = padId;
    }

    public int pairs() { return items.size(); }

    @Override
    public String description() {
        return "agreement of the policy's implicit reward margin with " + items.size() + " held-out human preference pairs";
    }

    @Override
    public double score(CausalLm policy) {
        double agree = 0;
        for (int from = 0; from < items.size(); from += BATCH) {
            List<DpoItem> batch = items.subList(from, Math.min(items.size(), from + BATCH));
            List<int[]> prompts = new ArrayList<>(), responses = new ArrayList<>();
            for (DpoItem d : batch) { prompts.add(d.pair().prompt()); responses.add(d.pair().chosen()); }
            for (DpoItem d : batch) { prompts.add(d.pair().prompt()); responses.add(d.pair().rejected()); }
            float[] lp;
            try (NDManager m = policy.manager().newSubManager()) {
                lp = ResponseLogProbs.of(policy, prompts, responses, maxLength, padId, m).toFloatArray();
            }
            for (int i = 0; i < batch.size(); i++) {
                DpoItem d = batch.get(i);
                double h = ((double) lp[i] - d.refChosen()) - ((double) lp[batch.size() + i] - d.refRejected());
                agree += h > 0 ? 1 : h == 0 ? 0.5 : 0;
            }
        }
        return agree / items.size();
    }
}
