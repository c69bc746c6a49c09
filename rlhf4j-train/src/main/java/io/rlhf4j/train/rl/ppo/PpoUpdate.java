package io.rlhf4j.train.rl.ppo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.model.ScalarHeadModel;
import io.rlhf4j.model.Scalars;
import io.rlhf4j.train.rl.Advantages;
import io.rlhf4j.train.rl.GradientStep;
import io.rlhf4j.train.rl.Minibatches;
import io.rlhf4j.train.rl.PolicyLoss;
import io.rlhf4j.train.rl.RlAlgorithm;
import io.rlhf4j.train.rl.rollout.ResponseBatch;
import io.rlhf4j.train.rl.rollout.Rollout;
import io.rlhf4j.train.rl.rollout.TokenScores;
import io.rlhf4j.train.sft.SftLoss;
import io.rlhf4j.train.sft.TokenizedExample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * PPO's update from one rollout (InstructGPT; TRL's PPOTrainer): per-token reward
 * −β(logπ_old − logπ_ref) plus the score at the last token, GAE over the critic's values, then
 * {@code epochs} passes of clipped policy loss + vf_coef · clipped value loss in minibatches.
 * With PPO-ptx (InstructGPT), each minibatch adds ptx_coef · the SFT loss of
 * {@code ptxBatchSize} demonstrations drawn (seeded) from the demonstration set.
 */
final class PpoUpdate implements RlAlgorithm {
    private final PpoConfig config;
    private final CausalLm policy;
    private final ScalarHeadModel critic;
    private final int padId;
    private final Map<String, NDArray> trainable = new LinkedHashMap<>();
    private final List<TokenizedExample> demonstrations;
    private final SftLoss ptxLoss;

    /** @param demonstrations PPO-ptx's SFT data; empty for plain PPO */
    PpoUpdate(PpoConfig config, CausalLm policy, ScalarHeadModel critic, int padId, List<TokenizedExample> demonstrations) {
        this.config = config;
        this.policy = policy;
        this.critic = critic;
        this.padId = padId;
        this.demonstrations = demonstrations;
        this.ptxLoss = new SftLoss(policy::forward, policy.config().maxPositions(), padId);
        policy.parameters().forEach((k, v) -> trainable.put("policy." + k, v));
        critic.parameters().forEach((k, v) -> trainable.put("value." + k, v));
    }

    @Override public String name() { return "ppo"; }

    @Override public Map<String, NDArray> trainableParameters() { return trainable; }

    @Override
    public UpdateStats update(Rollout r, UpdateContext ctx) {
        int n = r.size();
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        long v0 = System.nanoTime();
        float[][] values;
        try (NDManager m = ctx.scratch().newSubManager()) {
            ResponseBatch b = ResponseBatch.of(r.prompts(), r.responses(), all, padId, m);
            values = b.unpack(b.responsePart(critic.values(b.ids(), b.attentionMask())));
        }
        long valueNanos = System.nanoTime() - v0;

        float[][] rewards = tokenRewards(r, ctx.klCoef());
        if (config.whitenRewards()) rewards = Advantages.whiten(rewards, false);
        Advantages.Gae gae = Advantages.gae(rewards, values, config.gamma(), config.lambda());
        float[][] advantages = config.whitenAdvantages() ? Advantages.whiten(gae.advantages(), true) : gae.advantages();
        float[][] returns = gae.returns();
        double explained = Advantages.explainedVariance(values, returns);

        double[] sums = new double[8];
        int updates = 0;
        SplittableRandom ptxRng = new SplittableRandom(ctx.seed() ^ 0x7F4A7C15L);
        for (int epoch = 0; epoch < ctx.optim().epochs(); epoch++) {
            List<int[]> batches = Minibatches.shuffled(n, ctx.optim().minibatchSize(), ctx.seed() * 31 + epoch);
            for (int[] rows : batches) {
                List<TokenizedExample> demos = ptxBatch(ptxRng);
                double[] s = GradientStep.apply(trainable, ctx.optimizer(), ctx.optim(), ctx.scratch(),
                        m -> loss(r, rows, advantages, returns, values, demos, m));
                for (int i = 0; i < sums.length; i++) sums[i] += s[i];
                updates++;
            }
        }
        for (int i = 0; i < sums.length; i++) sums[i] /= updates;
        // sums: loss, pg, vf, clipfrac, approxkl, (entropy, unused: the rollout's is logged), ptx, grad norm
        double klPenalty = ctx.klCoef() * r.meanKl();
        return new UpdateStats(sums[0], sums[1], sums[2], klPenalty, sums[3], sums[4], sums[7], explained,
                demonstrations.isEmpty() ? null : sums[6], valueNanos);
    }

    /** {@code ptxBatchSize} demonstrations drawn with replacement; empty for plain PPO. */
    private List<TokenizedExample> ptxBatch(SplittableRandom rng) {
        if (demonstrations.isEmpty()) return List.of();
        List<TokenizedExample> out = new ArrayList<>(config.ptxBatchSize());
        for (int i = 0; i < config.ptxBatchSize(); i++) out.add(demonstrations.get(rng.nextInt(demonstrations.size())));
        return out;
    }

    /** r_t = −β (logπ_old − logπ_ref)_t, plus the sequence score on the last token. */
    static float[][] tokenRewards(Rollout r, double beta) {
        float[][] out = new float[r.size()][];
        for (int i = 0; i < r.size(); i++) {
            int len = r.length(i);
            out[i] = new float[len];
            for (int t = 0; t < len; t++) out[i][t] = (float) (-beta * (r.logProbs()[i][t] - r.refLogProbs()[i][t]));
            out[i][len - 1] += (float) r.scores()[i];
        }
        return out;
    }

    private NDList loss(Rollout r, int[] rows, float[][] advantages, float[][] returns, float[][] oldValues,
                        List<TokenizedExample> demos, NDManager m) {
        ResponseBatch b = ResponseBatch.of(r.prompts(), r.responses(), rows, padId, m);
        NDArray mask = b.responseMask();
        TokenScores now = TokenScores.of(policy, b);
        NDArray oldLogProbs = b.pack(r.logProbs(), rows, m);
        NDArray adv = b.pack(advantages, rows, m);
        NDArray ret = b.pack(returns, rows, m);
        NDArray oldV = b.pack(oldValues, rows, m);

        NDArray[] surrogate = PolicyLoss.clippedSurrogate(now.logProbs(), oldLogProbs, adv, config.clipRange());
        NDArray pg = PolicyLoss.maskedMean(surrogate[0], mask);
        NDArray v = b.responsePart(critic.values(b.ids(), b.attentionMask()));
        double eps = config.clipRangeValue();
        NDArray vClipped = oldV.add(v.sub(oldV).clip(-eps, eps));
        NDArray vf = Scalars.mul(PolicyLoss.maskedMean(v.sub(ret).square().maximum(vClipped.sub(ret).square()), mask), 0.5f);
        NDArray loss = pg.add(Scalars.mul(vf, (float) config.vfCoef()));
        NDArray ptx = demos.isEmpty() ? m.zeros(new ai.djl.ndarray.types.Shape()) : ptxLoss.loss(demos, m).loss();
        if (!demos.isEmpty()) loss = loss.add(Scalars.mul(ptx, (float) config.ptxCoef()));
        return new NDList(loss, pg, vf, PolicyLoss.maskedMean(surrogate[1], mask),
                PolicyLoss.approxKl(now.logProbs(), oldLogProbs, mask), PolicyLoss.maskedMean(now.entropy(), mask), ptx);
    }
}
