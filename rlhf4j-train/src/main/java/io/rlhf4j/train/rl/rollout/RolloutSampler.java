package io.rlhf4j.train.rl.rollout;

import ai.djl.ndarray.NDManager;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.model.generate.GenerationResult;
import io.rlhf4j.model.generate.Generator;
import io.rlhf4j.train.reward.RewardFunction;
import io.rlhf4j.train.rl.RewardNormalizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rollout path every RL trainer (and best-of-n) shares: sample k responses per prompt with the
 * policy, score them with the reward function, and compute the policy's and the frozen reference's
 * per-token log-probs (plus the policy's entropy) in one batched forward each.
 *
 * <p>The old log-probs are recomputed in the same padded layout the update uses, rather than taken
 * from the generator: then the first PPO minibatch sees a ratio of exactly 1, not 1 ± KV-cache
 * rounding.
 *
 * <p>Scores are the reward function's, put through the run's {@link RewardNormalizer} (normalised on
 * the reference's samples, clipped), minus the missing-EOS penalty; the raw scores are kept beside.
 */
public final class RolloutSampler {
    private final CausalLm policy;
    private final CausalLm reference;
    private final RewardFunction reward;
    private final RolloutConfig config;
    private final int padId;
    private final RewardNormalizer normalizer;

    /** @param reference the frozen reference; null to skip it (best-of-n), then refLogProbs = logProbs */
    public RolloutSampler(CausalLm policy, CausalLm reference, RewardFunction reward, RolloutConfig config, int padId) {
        this(policy, reference, reward, config, padId, RewardNormalizer.none(0));
    }

    private RolloutSampler(CausalLm policy, CausalLm reference, RewardFunction reward, RolloutConfig config, int padId,
                           RewardNormalizer normalizer) {
        this.policy = policy;
        this.reference = reference;
        this.reward = reward;
        this.config = config;
        this.padId = padId;
        this.normalizer = normalizer;
    }

    /** The same sampler with every reward put through {@code n}. */
    public RolloutSampler withNormalizer(RewardNormalizer n) {
        return new RolloutSampler(policy, reference, reward, config, padId, n);
    }

    public RolloutConfig config() { return config; }

    /**
     * Raw rewards of one response per prompt sampled from the reference policy (at the rollout's
     * temperature and length): what {@link RewardNormalizer#fit} measures the reward's scale on.
     */
    public double[] referenceRewards(List<int[]> prompts, long seed) {
        if (reference == null) throw new IllegalStateException("no reference policy to sample");
        GenerationResult gen = new Generator(reference, null).generate(prompts, config.sampling(seed));
        List<int[]> responses = gen.sequences().stream().map(GenerationResult.Sequence::tokens).toList();
        double[] raw = reward.score(prompts, responses);
        if (raw.length != prompts.size()) {
            throw new IllegalStateException("reward function returned " + raw.length + " scores for " + prompts.size() + " samples");
        }
        return raw;
    }

    /** {@code samplesPerPrompt} samples of each prompt, grouped by prompt, sampled with {@code seed}. */
    public Rollout sample(List<int[]> prompts, long seed) {
        int k = config.samplesPerPrompt();
        List<int[]> repeated = new ArrayList<>(prompts.size() * k);
        for (int[] p : prompts) for (int i = 0; i < k; i++) repeated.add(p);

        long g0 = System.nanoTime();
        GenerationResult gen = new Generator(policy, null).generate(repeated, config.sampling(seed));
        long g1 = System.nanoTime();

        int n = repeated.size();
        List<int[]> responses = new ArrayList<>(n);
        boolean[] eos = new boolean[n];
        for (int i = 0; i < n; i++) {
            GenerationResult.Sequence s = gen.get(i);
            responses.add(s.tokens());
            eos[i] = s.stopReason() == GenerationResult.StopReason.EOS;
        }
        double[] raw = reward.score(repeated, responses);
        if (raw.length != n) throw new IllegalStateException("reward function returned " + raw.length + " scores for " + n + " samples");
        double[] scores = normalizer.apply(raw);
        for (int i = 0; i < n; i++) if (!eos[i]) scores[i] -= config.missingEosPenalty();

        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        float[][] logProbs, refLogProbs, entropies;
        try (NDManager scratch = policy.manager().newSubManager()) {
            ResponseBatch batch = ResponseBatch.of(repeated, responses, all, padId, scratch);
            TokenScores own = TokenScores.of(policy, batch);
            logProbs = batch.unpack(own.logProbs());
            entropies = batch.unpack(own.entropy());
            refLogProbs = reference == null ? logProbs : batch.unpack(TokenScores.logProbs(reference, batch));
        }
        long g2 = System.nanoTime();
        return new Rollout(k, repeated, responses, scores, raw, logProbs, refLogProbs, entropies, eos, g1 - g0, g2 - g1);
    }
}
