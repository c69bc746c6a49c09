package io.rlhf4j.train.dpo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.model.Scalars;
import io.rlhf4j.train.TrainObjective;
import io.rlhf4j.train.reward.PreferenceExample;

import java.util.ArrayList;
import java.util.List;

/**
 * DPO-family losses on the gap of policy-to-reference log-ratios of the chosen and rejected
 * responses, over response tokens only:
 * <ul>
 *   <li>SIGMOID: {@code (1-ε)·-log σ(βh) + ε·-log σ(-βh)} (ε = 0: DPO; ε > 0: conservative DPO) with
 *       h = (log π(c) - log π_ref(c)) - (log π(r) - log π_ref(r)), log-probs summed over tokens;</li>
 *   <li>IPO: {@code (h - 1/(2β))²}, which regresses the gap to a finite target instead of pushing it
 *       to infinity on deterministic preferences, with h built from per-token <em>averaged</em>
 *       log-probs (log π(y)/|y|), as Azar et al. define it and TRL implements it: with sums, the
 *       target 1/(2β) would mean a different per-token change for a 5-token and a 50-token answer.</li>
 * </ul>
 * Averaged over pairs with each pair's weight. Reference log-probs come from the {@link DpoItem}.
 */
public final class DpoLoss implements TrainObjective<DpoItem> {
    private final CausalLm policy;
    private final DpoConfig config;

    public DpoLoss(CausalLm policy, DpoConfig config) {
        this.policy = policy;
        this.config = config;
    }

    @Override
    public LossOutput loss(List<DpoItem> batch, NDManager manager) {
        Margins h = margins(batch, manager);
        float[] w = new float[batch.size()];
        double wSum = 0;
        for (int i = 0; i < w.length; i++) { w[i] = (float) batch.get(i).pair().weight(); wSum += w[i]; }
        NDArray perPair = perPairLoss(h.lossGap());
        NDArray loss = Scalars.div(perPair.mul(manager.create(w)).sum(), (float) Math.max(wSum, 1e-12));
        return new LossOutput(loss, h.responseTokens());
    }

    /**
     * Policy-minus-reference log-ratios (summed over tokens) of chosen and rejected [B], their gap [B],
     * and the gap the loss uses [B]: the same for SIGMOID, the gap of per-token means for IPO.
     */
    public record Margins(NDArray chosenLogRatio, NDArray rejectedLogRatio, NDArray logRatioGap, NDArray lossGap,
                          long responseTokens) {}

    public Margins margins(List<DpoItem> batch, NDManager manager) {
        int b = batch.size();
        List<int[]> prompts = new ArrayList<>(2 * b), responses = new ArrayList<>(2 * b);
        float[] refC = new float[b], refR = new float[b], lenC = new float[b], lenR = new float[b];
        long tokens = 0;
        for (int i = 0; i < b; i++) {
            PreferenceExample p = batch.get(i).pair();
            prompts.add(p.prompt());
            responses.add(p.chosen());
            refC[i] = (float) batch.get(i).refChosen();
            refR[i] = (float) batch.get(i).refRejected();
            // at least 1: an empty response has log-prob 0 whatever the divisor
            lenC[i] = Math.max(1, ResponseLogProbs.scoredTokens(p.chosen(), config.maxLength()));
            lenR[i] = Math.max(1, ResponseLogProbs.scoredTokens(p.rejected(), config.maxLength()));
            tokens += ResponseLogProbs.scoredTokens(p.chosen(), config.maxLength())
                    + ResponseLogProbs.scoredTokens(p.rejected(), config.maxLength());
        }
        for (DpoItem item : batch) { prompts.add(item.pair().prompt()); responses.add(item.pair().rejected()); }
        NDArray lp = ResponseLogProbs.of(policy, prompts, responses, config.maxLength(), config.padId(), manager);
        NDArray chosen = lp.get("0:" + b).sub(manager.create(refC));
        NDArray rejected = lp.get(b + ":").sub(manager.create(refR));
        NDArray gap = chosen.sub(rejected);
        NDArray lossGap = config.lossType() == DpoConfig.LossType.IPO
                ? chosen.div(manager.create(lenC)).sub(rejected.div(manager.create(lenR))) : gap;
        return new Margins(chosen, rejected, gap, lossGap, tokens);
    }

    /** Per-pair loss from the gap the loss type uses ({@link Margins#lossGap}). */
    NDArray perPairLoss(NDArray h) {
        double beta = config.beta();
        return switch (config.lossType()) {
            case SIGMOID -> {
                NDArray z = Scalars.mul(h, (float) beta);
                double eps = config.labelSmoothing();
                NDArray loss = Scalars.mul(softplus(z.neg()), (float) (1 - eps));
                yield eps == 0 ? loss : loss.add(Scalars.mul(softplus(z), (float) eps));
            }
            case IPO -> h.sub((float) (1 / (2 * beta))).square();
        };
    }

    /** log(1 + e^x), stable; -log σ(x) = softplus(-x). */
    static NDArray softplus(NDArray x) {
        return Scalars.maximum(x, 0f).add(x.abs().neg().exp().add(1f).log());
    }
}
