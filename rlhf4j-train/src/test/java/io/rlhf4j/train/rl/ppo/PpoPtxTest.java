package io.rlhf4j.train.rl.ppo;

import ai.djl.ndarray.NDManager;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.train.reward.RewardFunction;
import io.rlhf4j.train.reward.SyntheticStart;
import io.rlhf4j.train.rl.KlConfig;
import io.rlhf4j.train.rl.OptimConfig;
import io.rlhf4j.train.rl.RlListener;
import io.rlhf4j.train.rl.RlRunConfig;
import io.rlhf4j.train.rl.RlStepMetrics;
import io.rlhf4j.train.rl.SyntheticPolicies;
import io.rlhf4j.train.rl.rollout.RolloutConfig;
import io.rlhf4j.train.sft.SftLoss;
import io.rlhf4j.train.sft.TokenizedExample;
import io.rlhf4j.train.synthetic.SyntheticTask;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * PPO-ptx (InstructGPT): the SFT loss on demonstrations mixed into the policy loss keeps the policy
 * close to what SFT taught it while PPO chases a proxy that pays for one token. Without ptx the
 * demonstrations' negative log-likelihood climbs; with it, it stays markedly lower.
 */
class PpoPtxTest {
    private static final List<int[]> TRAIN = SyntheticTask.prompts(256, 1);
    private static final RewardFunction COUNT_T5 = (prompts, responses) -> {
        double[] out = new double[responses.size()];
        for (int i = 0; i < out.length; i++) for (int t : responses.get(i)) if (t == 5) out[i]++;
        return out;
    };

    private static PpoConfig config(double ptxCoef) {
        return PpoConfig.builder().ptxCoef(ptxCoef).ptxBatchSize(16).run(RlRunConfig.builder().steps(6)
                .rollout(new RolloutConfig(32, 1, SyntheticPolicies.MAX_NEW_TOKENS, 1.0, 0))
                .optim(OptimConfig.of(1e-2, 2, 16)).kl(KlConfig.fixed(0)).build()).build();
    }

    /** Demonstrations' NLL after 6 steps of PPO against the hackable proxy, and the logged ptx losses. */
    private static double demoNllAfterPpo(double ptxCoef, List<TokenizedExample> demos, List<Double> ptxLosses) {
        try (NDManager m = NDManager.newBaseManager()) {
            CausalLm policy = SyntheticPolicies.sftPolicy(m);
            CausalLm sft = SyntheticPolicies.sftPolicy(m);
            try (PpoTrainer t = new PpoTrainer(config(ptxCoef), policy, sft, COUNT_T5, null, SyntheticTask.PAD)) {
                t.withPtxDemonstrations(demos).addListener(new RlListener() {
                    @Override public void onStep(RlStepMetrics s) { ptxLosses.add(s.ptxLoss()); }
                });
                t.train(TRAIN, null);
            }
            return nll(policy, demos, m);
        }
    }

    static double nll(CausalLm policy, List<TokenizedExample> demos, NDManager m) {
        try (NDManager scratch = m.newSubManager()) {
            return new SftLoss(policy::forward, 32, SyntheticTask.PAD).loss(demos, scratch).loss().getFloat();
        }
    }

    @Test
    void theSftLossOnDemonstrationsHoldsThePolicyNearSft() {
        List<TokenizedExample> demos = SyntheticStart.demonstrations(128, 0.6, 3);
        double start;
        try (NDManager m = NDManager.newBaseManager()) {
            start = nll(SyntheticPolicies.sftPolicy(m), demos, m);
        }
        List<Double> plainLosses = new ArrayList<>(), ptxLosses = new ArrayList<>();
        double plain = demoNllAfterPpo(0, demos, plainLosses);
        double ptx = demoNllAfterPpo(4.0, demos, ptxLosses);
        System.out.printf("demonstration NLL: SFT %.3f, PPO %.3f, PPO-ptx %.3f%n", start, plain, ptx);
        assertThat(plainLosses).as("no ptx term without ptx").containsOnlyNulls();
        assertThat(ptxLosses).doesNotContainNull().allMatch(l -> l > 0);
        assertThat(plain).as("the proxy pulls plain PPO away from the demonstrations").isGreaterThan(start + 0.1);
        assertThat(ptx).as("PPO-ptx stays nearer").isLessThan(plain - 0.5 * (plain - start));
    }

    @Test
    void ptxWithoutDemonstrationsIsRejected() {
        try (NDManager m = NDManager.newBaseManager()) {
            CausalLm policy = SyntheticPolicies.sftPolicy(m);
            CausalLm sft = SyntheticPolicies.sftPolicy(m);
            try (PpoTrainer t = new PpoTrainer(config(1.0), policy, sft, COUNT_T5, null, SyntheticTask.PAD)) {
                assertThatThrownBy(() -> t.train(TRAIN, null)).hasMessageContaining("ptx");
            }
        }
    }
}
