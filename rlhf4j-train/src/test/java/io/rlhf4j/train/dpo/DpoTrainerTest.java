package io.rlhf4j.train.dpo;

import ai.djl.ndarray.NDManager;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.model.generate.GenerationResult;
import io.rlhf4j.model.generate.Generator;
import io.rlhf4j.model.generate.SamplingConfig;
import io.rlhf4j.train.synthetic.SyntheticTask;
import io.rlhf4j.train.reward.PreferenceExample;
import io.rlhf4j.train.reward.SyntheticStart;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DpoTrainerTest {
    static final double KL_BOUND = 3.0;

    /** Mean true reward and sampled KL(π || π_ref) = E_{y~π}[log π(y) - log π_ref(y)] over 200 samples. */
    record PolicyStats(double trueReward, double kl) {}

    static PolicyStats sample(CausalLm policy, CausalLm reference, List<int[]> prompts, long seed) {
        GenerationResult out = new Generator(policy, null).generate(prompts, SamplingConfig.sampling(12, 1.0, seed));
        double reward = 0;
        List<int[]> responses = out.sequences().stream().map(GenerationResult.Sequence::tokens).toList();
        for (int i = 0; i < prompts.size(); i++) reward += SyntheticTask.trueReward(prompts.get(i), responses.get(i));
        double kl = 0;
        try (NDManager m = policy.manager().newSubManager()) {
            float[] lp = ResponseLogProbs.of(policy, prompts, responses, 64, 0, m).toFloatArray();
            float[] lr = ResponseLogProbs.of(reference, prompts, responses, 64, 0, m).toFloatArray();
            for (int i = 0; i < lp.length; i++) kl += lp[i] - lr[i];
        }
        return new PolicyStats(reward / prompts.size(), kl / prompts.size());
    }

    static final int STEPS = 100, BATCH = 64, HELD_OUT = 128;

    @Test
    void dpoRaisesTheTrueRewardOfSampledResponsesWhileStayingCloseToTheReference() throws Exception {
        try (AutoCloseable threads = SyntheticStart.oneTorchThread(); NDManager m = NDManager.newBaseManager()) {
            CausalLm policy = SyntheticPolicies.sftPolicy(m, 3, 150);
            CountingLm reference = new CountingLm(policy.copy(m));
            List<int[]> evalPrompts = SyntheticTask.prompts(200, 99);
            PolicyStats before = sample(policy, reference, evalPrompts, 5);
            // fresh pairs for every step: the pairs are random responses, cheap to draw, and reuse overfits
            List<PreferenceExample> train = SyntheticPolicies.pairs(STEPS * BATCH, 11);
            DpoConfig config = DpoConfig.builder().beta(0.1).maxSteps(STEPS).perDeviceTrainBatchSize(BATCH)
                    .learningRate(1e-3).maxLength(24).build();
            DpoTrainer trainer = new DpoTrainer(config, policy, reference);
            reference.forwardCalls = 0;
            long t0 = System.nanoTime();
            List<PreferenceExample> heldOut = SyntheticPolicies.pairs(HELD_OUT, 12);
            DpoEvaluation start = trainer.evaluate(heldOut); // before training: the held-out pairs' reference pass
            trainer.train(train, heldOut, null);
            int referenceCalls = reference.forwardCalls;
            PolicyStats after = sample(policy, reference, evalPrompts, 5);
            System.out.printf("DPO: true reward %.3f -> %.3f, KL %.3f -> %.3f, held-out %s, %.1fs%n", before.trueReward(),
                    after.trueReward(), before.kl(), after.kl(), trainer.lastEvaluation(), (System.nanoTime() - t0) / 1e9);
            assertThat(after.trueReward()).isGreaterThan(before.trueReward() + 0.1);
            assertThat(after.kl()).isLessThan(KL_BOUND);
            assertThat(trainer.lastEvaluation().rewardAccuracy()).isGreaterThan(0.7);
            assertThat(start.loss()).isCloseTo(Math.log(2), org.assertj.core.api.Assertions.within(1e-4)); // policy = reference
            assertThat(trainer.lastEvaluation().loss()).isLessThan(start.loss());
            // one reference pass per batch of pairs (train + held-out), none during the training steps, and the
            // held-out pairs' cached log-probs reused after training: each pair's reference log-probs computed once
            assertThat(referenceCalls).isEqualTo(STEPS * BATCH / BATCH + HELD_OUT / BATCH);
            assertThat(trainer.referenceForwardPasses()).isEqualTo(referenceCalls);

            // the CLI's RL validation signal on the same held-out human labels: the reference itself scores
            // exactly 0.5 (every margin 0), the DPO policy, which learned those preferences, clearly more
            var validator = new io.rlhf4j.train.rl.PreferenceAgreementValidator(reference, heldOut, 24, 0);
            assertThat(validator.score(reference)).isEqualTo(0.5);
            assertThat(validator.score(policy)).isGreaterThan(0.7);
        }
    }
}
