package io.rlhf4j.train.reward;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.rlhf4j.core.data.Comparison.Outcome;
import io.rlhf4j.model.ScalarHeadModel;
import io.rlhf4j.model.Scalars;
import io.rlhf4j.train.TrainObjective;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reward model's loss over a batch of judgment groups. Per pair with d = r_a - r_b:
 * <ul>
 *   <li>PREFERRED: Bradley-Terry {@code -log σ(d - margin(strength))};</li>
 *   <li>TIE: {@code tieWeight · (-½ log σ(d) - ½ log σ(-d))}, minimal at d = 0, so tied responses are
 *       pulled to equal rewards rather than dropped;</li>
 *   <li>BOTH_BAD: the tie term plus {@code bothBadWeight · ½[-log σ(τ - r_a) - log σ(τ - r_b)]}. A
 *       pairwise loss is blind to the reward's level, so "both bad" needs an absolute anchor: both
 *       are pushed below τ (0 by default, the level normalisation later maps to the reference
 *       policy's mean).</li>
 * </ul>
 * With {@link RewardConfig#lengthCovariate()}, d also carries {@code w·Δlength} ({@link LengthCovariate}).
 * Pair losses are averaged with coefficient {@code weight / pairsInItsGroup}, so each judgment
 * counts as one element (its mean weight), however many pairs its ranking has. Responses repeated
 * within a group (every response of a ranking is in K-1 pairs) are scored once.
 */
public final class RewardLoss implements TrainObjective<JudgmentGroup> {
    private final ScalarHeadModel model;
    private final RewardConfig config;
    private final LengthCovariate covariate;
    private long scoredSequences;

    public RewardLoss(ScalarHeadModel model, RewardConfig config) {
        this.model = model;
        this.config = config;
        this.covariate = config.lengthCovariate() ? new LengthCovariate(model.trunk().manager()) : null;
    }

    /** The length term of the loss, or null when {@link RewardConfig#lengthCovariate()} is off. */
    public LengthCovariate lengthCovariate() {
        return covariate;
    }

    /** Sequences run through the model so far (tests check that a ranking's responses are scored once). */
    public long scoredSequences() {
        return scoredSequences;
    }

    @Override
    public LossOutput loss(List<JudgmentGroup> batch, NDManager manager) {
        PairScores s = score(batch, manager);
        return new LossOutput(Scalars.div(pairLosses(s, manager).mul(s.coefficients).sum(), s.coefficientSum), s.pairs);
    }

    /** Rewards of both sides of every pair in the batch, plus the per-pair loss settings. */
    public record PairScores(NDArray ra, NDArray rb, NDArray preferredMask, NDArray margins, NDArray tieMask,
                             NDArray bothBadMask, NDArray coefficients, float coefficientSum, int pairs,
                             NDArray lengthDifferences) {}

    public PairScores score(List<JudgmentGroup> batch, NDManager manager) {
        List<int[]> sequences = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        int pairs = batch.stream().mapToInt(g -> g.pairs().size()).sum();
        long[] ia = new long[pairs], ib = new long[pairs];
        float[] pref = new float[pairs], margin = new float[pairs], tie = new float[pairs], bad = new float[pairs];
        float[] coef = new float[pairs], lengths = new float[pairs];
        double coefSum = 0;
        int p = 0;
        for (JudgmentGroup g : batch) {
            index.clear(); // dedupe within a judgment only: that is where responses repeat
            for (PreferenceExample e : g.pairs()) {
                ia[p] = indexOf(TokenSequences.join(e.prompt(), e.chosen(), config.maxLength()), sequences, index);
                ib[p] = indexOf(TokenSequences.join(e.prompt(), e.rejected(), config.maxLength()), sequences, index);
                pref[p] = e.outcome() == Outcome.PREFERRED ? 1 : 0;
                margin[p] = (float) (e.outcome() == Outcome.PREFERRED ? config.margin(e.strength()) : 0);
                tie[p] = e.outcome() == Outcome.PREFERRED ? 0 : 1;
                bad[p] = e.outcome() == Outcome.BOTH_BAD ? 1 : 0;
                coef[p] = (float) (e.weight() / g.pairs().size());
                lengths[p] = LengthCovariate.lengthDifference(e);
                coefSum += coef[p];
                p++;
            }
        }
        TokenSequences.Batch b = TokenSequences.leftPadded(sequences, config.padId(), manager);
        NDArray scores = model.scores(b.ids(), b.mask(), config.padId());
        scores.attach(manager);
        scoredSequences += sequences.size();
        NDArray ra = scores.gather(manager.create(ia), 0);
        NDArray rb = scores.gather(manager.create(ib), 0);
        // an all-zero-weight batch would divide by zero: it simply contributes no gradient
        float sum = (float) Math.max(coefSum, 1e-12);
        return new PairScores(ra, rb, manager.create(pref), manager.create(margin), manager.create(tie),
                manager.create(bad), manager.create(coef), sum, pairs, manager.create(lengths));
    }

    /** Per-pair losses [P] (unweighted). */
    public NDArray pairLosses(PairScores s, NDManager manager) {
        NDArray d = s.ra().sub(s.rb());
        if (covariate != null) d = d.add(covariate.weight().mul(s.lengthDifferences())); // length explains what it can
        NDArray preferred = softplus(d.sub(s.margins()).neg()).mul(s.preferredMask());
        NDArray tieTerm = Scalars.mul(softplus(d.neg()).add(softplus(d)), 0.5 * config.tieWeight()).mul(s.tieMask());
        float tau = (float) config.bothBadThreshold();
        NDArray below = softplus(s.ra().sub(tau)).add(softplus(s.rb().sub(tau)));
        NDArray badTerm = Scalars.mul(below, 0.5 * config.bothBadWeight()).mul(s.bothBadMask());
        return preferred.add(tieTerm).add(badTerm);
    }

    /** log(1 + e^x) = max(x, 0) + log(1 + e^-|x|), stable for large |x|; -log σ(x) = softplus(-x). */
    static NDArray softplus(NDArray x) {
        return Scalars.maximum(x, 0f).add(x.abs().neg().exp().add(1f).log());
    }

    private static int indexOf(int[] seq, List<int[]> sequences, Map<String, Integer> index) {
        return index.computeIfAbsent(Arrays.toString(seq), k -> {
            sequences.add(seq);
            return sequences.size() - 1;
        });
    }
}
