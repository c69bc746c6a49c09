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
 * DPO-family losses on h = (log π(c) - log π_ref(c)) - (log π(r) - log π_ref(r)), log-probs summed
 * over response tokens only:
 * <ul>
 *   <li>SIGMOID: {@code (1-ε)·-log σ(βh) + ε·-log σ(-βh)} (ε = 0: DPO; ε > 0: conservative DPO);</li>
 *   <li>IPO: {@code (h - 1/(2β))²}, which regresses the log-ratio gap to a finite target instead of
 *       pushing it to infinity on deterministic preferences.</li>
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
        NDArray perPair = perPairLoss(h.logRatioGap());
        NDArray loss = Scalars.div(perPair.mul(manager.create(w)).sum(), (float) Math.max(wSum, 1e-12));
        return new LossOutput(loss, h.responseTokens());
    }

    /** Policy-minus-reference log-ratios of chosen and rejected [B] and their gap h [B]. */
    public record Margins(NDArray chosenLogRatio, NDArray rejectedLogRatio, NDArray logRatioGap, long responseTokens) {}

    public Margins margins(List<DpoItem> batch, NDManager manager) {
        int b = batch.size();
        List<int[]> prompts = new ArrayList<>(2 * b), responses = new ArrayList<>(2 * b);
        float[] refC = new float[b], refR = new float[b];
        long tokens = 0;
        for (int i = 0; i < b; i++) {
            PreferenceExample p = batch.get(i).pair();
            prompts.add(p.prompt());
            responses.add(p.chosen());
            refC[i] = (float) batch.get(i).refChosen();
            refR[i] = (float) batch.get(i).refRejected();
            tokens += ResponseLogProbs.scoredTokens(p.chosen(), config.maxLength())
                    + ResponseLogProbs.scoredTokens(p.rejected(), config.maxLength());
        }
        for (DpoItem item : batch) { prompts.add(item.pair().prompt()); responses.add(item.pair().rejected()); }
        NDArray lp = ResponseLogProbs.of(policy, prompts, responses, config.maxLength(), config.padId(), manager);
        NDArray chosen = lp.get("0:" + b).sub(manager.create(refC));
        NDArray rejected = lp.get(b + ":").sub(manager.create(refR));
        return new Margins(chosen, rejected, chosen.sub(rejected), tokens);
    }

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
