package io.rlhf4j.train.rl;

import ai.djl.ndarray.NDManager;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.train.rl.grpo.GrpoConfig;
import io.rlhf4j.train.rl.grpo.GrpoTrainer;
import io.rlhf4j.train.rl.ppo.PpoConfig;
import io.rlhf4j.train.rl.ppo.PpoTrainer;
import io.rlhf4j.train.rl.rollout.RolloutConfig;
import io.rlhf4j.train.synthetic.SyntheticTask;
import org.junit.jupiter.api.Test;

import java.util.List;

class ExploreRlTest {
    RlListener printer = new RlListener() {
        @Override public void onStep(RlStepMetrics m) {
            System.out.printf("%s step %d reward %.3f kl %.3f ent %.3f len %.2f clip %.3f akl %.4f vf %s ev %s gen %.0f sc %.0f tr %.0f%n",
                    m.algorithm(), m.step(), m.reward(), m.kl(), m.entropy(), m.responseLength(), m.clipFraction(), m.approxKl(),
                    m.valueLoss(), m.explainedVariance(), m.generationMs(), m.scoringMs(), m.trainingMs());
        }
    };

    @Test
    void explore() {
        List<int[]> train = SyntheticTask.prompts(256, 1);
        List<int[]> eval = SyntheticTask.prompts(200, 99);
        long t0 = System.nanoTime();
        try (NDManager m = NDManager.newBaseManager()) {
            CausalLm p = SyntheticPolicies.sftPolicy(m);
            System.out.printf("SFT %.1fs start reward %.3f%n", (System.nanoTime() - t0) / 1e9, SyntheticPolicies.meanTrueReward(p, eval, 5));
            GrpoConfig g = GrpoConfig.grpo(40);
            g = g.withRun(g.run().withRollout(new RolloutConfig(8, 8, 12, 1.0, 0)).withOptim(OptimConfig.of(3e-3, 1, 32)));
            try (GrpoTrainer t = new GrpoTrainer(g, p, SyntheticPolicies.TRUE_REWARD, 0)) {
                t.addListener(printer).train(train, null);
                System.out.printf("GRPO after %.3f kl %.3f%n", SyntheticPolicies.meanTrueReward(p, eval, 5),
                        SyntheticPolicies.klToReference(p, t.reference(), eval, 6));
            }
            CausalLm q = SyntheticPolicies.sftPolicy(m);
            PpoConfig c = PpoConfig.defaults(40);
            c = c.withRun(c.run().withRollout(new RolloutConfig(64, 1, 12, 1.0, 0)).withOptim(OptimConfig.of(3e-3, 2, 32)));
            try (PpoTrainer t = new PpoTrainer(c, q, SyntheticPolicies.TRUE_REWARD, null, 0)) {
                t.addListener(printer).train(train, null);
                System.out.printf("PPO after %.3f kl %.3f%n", SyntheticPolicies.meanTrueReward(q, eval, 5),
                        SyntheticPolicies.klToReference(q, t.reference(), eval, 6));
            }
        }
    }
}
