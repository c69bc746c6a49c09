package io.rlhf4j.train.rl.grpo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.model.Scalars;
import io.rlhf4j.train.rl.Advantages;
import io.rlhf4j.train.rl.GradientStep;
import io.rlhf4j.train.rl.Minibatches;
import io.rlhf4j.train.rl.PolicyLoss;
import io.rlhf4j.train.rl.RlAlgorithm;
import io.rlhf4j.train.rl.rollout.ResponseBatch;
import io.rlhf4j.train.rl.rollout.Rollout;
import io.rlhf4j.train.rl.rollout.TokenScores;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GRPO / RLOO update: one advantage per sample from its group, broadcast over its tokens, under
 * the clipped surrogate; the loss is the mean over all response tokens of the minibatch (so long
 * and short responses weigh by their tokens, as in DAPO / TRL's "dapo" loss type).
 */
final class GrpoUpdate implements RlAlgorithm {
    private final GrpoConfig config;
    private final CausalLm policy;
    private final int padId;
    private final Map<String, NDArray> trainable = new LinkedHashMap<>();

    GrpoUpdate(GrpoConfig config, CausalLm policy, int padId) {
        this.config = config;
        this.policy = policy;
        this.padId = padId;
        policy.parameters().forEach((k, v) -> trainable.put("policy." + k, v));
    }

    @Override public String name() { return config.algorithmName(); }

    @Override public Map<String, NDArray> trainableParameters() { return trainable; }

    /** Sequence rewards, with the KL subtracted when it is placed on the reward side. */
    static double[] sequenceRewards(Rollout r, GrpoConfig config, double beta) {
        double[] rewards = r.scores().clone();
        if (config.klPlacement() == GrpoConfig.KlPlacement.REWARD) {
            for (int i = 0; i < rewards.length; i++) rewards[i] -= beta * r.sequenceKl(i);
        }
        return rewards;
    }

    static double[] advantages(double[] rewards, int groupSize, GrpoConfig config) {
        double[] adv = config.estimator() == GrpoConfig.Estimator.LEAVE_ONE_OUT
                ? Advantages.leaveOneOut(rewards, groupSize)
                : Advantages.groupNormalized(rewards, groupSize, config.scaleByStd());
        if (!config.normalizeAdvantages()) return adv;
        float[][] rows = new float[adv.length][1];
        for (int i = 0; i < adv.length; i++) rows[i][0] = (float) adv[i];
        float[][] white = Advantages.whiten(rows, true);
        double[] out = new double[adv.length];
        for (int i = 0; i < adv.length; i++) out[i] = white[i][0];
        return out;
    }

    @Override
    public UpdateStats update(Rollout r, UpdateContext ctx) {
        double beta = ctx.klCoef();
        double[] adv = advantages(sequenceRewards(r, config, beta), r.groupSize(), config);
        double[] sums = new double[7];
        int updates = 0;
        for (int epoch = 0; epoch < ctx.optim().epochs(); epoch++) {
            List<int[]> batches = Minibatches.shuffled(r.size(), ctx.optim().minibatchSize(), ctx.seed() * 31 + epoch);
            for (int[] rows : batches) {
                double[] s = GradientStep.apply(trainable, ctx.optimizer(), ctx.optim(), ctx.scratch(),
                        m -> loss(r, rows, adv, beta, m));
                for (int i = 0; i < sums.length; i++) sums[i] += s[i];
                updates++;
            }
        }
        for (int i = 0; i < sums.length; i++) sums[i] /= updates;
        // sums: loss, pg, k3 KL, clipfrac, approxkl, entropy, grad norm
        double klPenalty = config.klPlacement() == GrpoConfig.KlPlacement.LOSS_K3 ? beta * sums[2] : beta * r.meanKl();
        return new UpdateStats(sums[0], sums[1], null, klPenalty, sums[3], sums[4], sums[6], null, null, 0);
    }

    private NDList loss(Rollout r, int[] rows, double[] adv, double beta, NDManager m) {
        ResponseBatch b = ResponseBatch.of(r.prompts(), r.responses(), rows, padId, m);
        NDArray mask = b.responseMask();
        TokenScores now = TokenScores.of(policy, b);
        NDArray old = b.pack(r.logProbs(), rows, m);
        NDArray[] surrogate = PolicyLoss.clippedSurrogate(now.logProbs(), old, ResponseBatch.column(adv, rows, m),
                config.clipRange());
        NDArray pg = PolicyLoss.maskedMean(surrogate[0], mask);
        NDArray k3 = PolicyLoss.maskedMean(PolicyLoss.k3(now.logProbs(), b.pack(r.refLogProbs(), rows, m)), mask);
        NDArray loss = config.klPlacement() == GrpoConfig.KlPlacement.LOSS_K3 && beta > 0 ? pg.add(Scalars.mul(k3, (float) beta)) : pg;
        return new NDList(loss, pg, k3, PolicyLoss.maskedMean(surrogate[1], mask),
                PolicyLoss.approxKl(now.logProbs(), old, mask), PolicyLoss.maskedMean(now.entropy(), mask));
    }
}
