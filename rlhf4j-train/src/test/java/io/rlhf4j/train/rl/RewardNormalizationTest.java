package io.rlhf4j.train.rl;

import ai.djl.ndarray.NDManager;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.train.reward.RewardFunction;
import io.rlhf4j.train.rl.ppo.PpoTrainer;
import io.rlhf4j.train.rl.rollout.Rollout;
import io.rlhf4j.train.rl.rollout.RolloutConfig;
import io.rlhf4j.train.rl.rollout.RolloutSampler;
import io.rlhf4j.train.synthetic.SyntheticTask;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Reward normalisation on the reference policy's samples, and clipping: with it, a reward model
 * whose scores are ten times wider and shifted trains PPO exactly as the original does (the KL
 * coefficient keeps its meaning); without it, the same β is a ten times weaker anchor.
 */
class RewardNormalizationTest {
    private static final List<int[]> TRAIN = SyntheticTask.prompts(256, 1);

    @Test
    void fitsMeanAndStdOnReferenceRewardsAndClips() {
        RewardNormalizer n = RewardNormalizer.fit(new double[] {1, 2, 3, 4}, 1.0);
        assertThat(n.mean()).isEqualTo(2.5);
        assertThat(n.std()).isCloseTo(Math.sqrt(5.0 / 3), within(1e-12));
        assertThat(n.apply(2.5)).isZero();
        assertThat(n.apply(100)).isEqualTo(1.0);
        assertThat(n.apply(-100)).isEqualTo(-1.0);
        assertThat(RewardNormalizer.fit(new double[] {7, 7, 7}, 0).std()).as("a constant reward is only shifted").isEqualTo(1);
        assertThat(RewardNormalizer.none(0).apply(42)).isEqualTo(42);
        assertThat(RewardNormalizer.none(5).apply(42)).isEqualTo(5);
    }

    @Test
    void theSamplerScoresWithTheNormalizerAndKeepsTheRawScores() {
        try (NDManager m = NDManager.newBaseManager()) {
            CausalLm policy = SyntheticPolicies.sftPolicy(m);
            RolloutConfig rc = new RolloutConfig(16, 1, SyntheticPolicies.MAX_NEW_TOKENS, 1.0, 0);
            RewardFunction wide = scaled(100, 0);
            RolloutSampler sampler = new RolloutSampler(policy, policy, wide, rc, SyntheticTask.PAD);
            RewardNormalizer n = RewardNormalizer.fit(sampler.referenceRewards(TRAIN.subList(0, 32), 3), 0.5);
            Rollout r = sampler.withNormalizer(n).sample(TRAIN.subList(0, 16), 4);
            for (int i = 0; i < r.size(); i++) {
                assertThat(r.scores()[i]).isCloseTo(n.apply(r.rawScores()[i]), within(1e-9)).isBetween(-0.5, 0.5);
            }
        }
    }

    @Test
    void aRescaledRewardModelTrainsTheSameWhenNormalisedAndDifferentlyWhenNot() {
        List<RlStepMetrics> base = run(SyntheticPolicies.TRUE_REWARD, 64);
        List<RlStepMetrics> rescaled = run(scaled(10, 3), 64);
        for (int i = 0; i < base.size(); i++) {
            assertThat(rescaled.get(i).reward()).as("normalised reward, step %d", i + 1).isCloseTo(base.get(i).reward(), within(1e-3));
            assertThat(rescaled.get(i).kl()).as("KL, step %d", i + 1).isCloseTo(base.get(i).kl(), within(1e-3));
        }
        List<RlStepMetrics> rawBase = run(SyntheticPolicies.TRUE_REWARD, 0);
        List<RlStepMetrics> rawRescaled = run(scaled(10, 3), 0);
        System.out.printf("KL after 3 steps: normalised %.4f / %.4f, raw %.4f / %.4f%n", base.get(2).kl(), rescaled.get(2).kl(),
                rawBase.get(2).kl(), rawRescaled.get(2).kl());
        assertThat(Math.abs(rawRescaled.get(2).kl() - rawBase.get(2).kl())).as("without normalisation the scale changes the run")
                .isGreaterThan(0.01);
    }

    private static RewardFunction scaled(double a, double b) {
        return (prompts, responses) -> {
            double[] r = SyntheticPolicies.TRUE_REWARD.score(prompts, responses);
            for (int i = 0; i < r.length; i++) r[i] = a * r[i] + b;
            return r;
        };
    }

    /** Three PPO steps, rewards normalised on {@code samples} reference samples (0: raw), no clipping. */
    private static List<RlStepMetrics> run(RewardFunction reward, int samples) {
        List<RlStepMetrics> steps = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            CausalLm policy = SyntheticPolicies.sftPolicy(m);
            CausalLm sft = SyntheticPolicies.sftPolicy(m);
            var config = ReferencePolicyTest.config(3, 3e-3);
            config = config.toBuilder().run(config.run().toBuilder().rewardNormSamples(samples).rewardClip(0).build()).build();
            try (PpoTrainer t = new PpoTrainer(config, policy, sft, reward, null, SyntheticTask.PAD)) {
                t.addListener(new RlListener() {
                    @Override public void onStep(RlStepMetrics s) { steps.add(s); }
                });
                RlResult result = t.train(TRAIN, null);
                assertThat(result.rewardNormalizer().samples()).isEqualTo(samples);
            }
        }
        return steps;
    }
}
