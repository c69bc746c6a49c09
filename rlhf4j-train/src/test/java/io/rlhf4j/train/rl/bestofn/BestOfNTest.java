package io.rlhf4j.train.rl.bestofn;

import ai.djl.ndarray.NDManager;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.train.reward.RewardModelScorer;
import io.rlhf4j.train.rl.SyntheticPolicies;
import io.rlhf4j.train.synthetic.SyntheticTask;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Best-of-n against a learned reward model, judged by the ground truth it only approximates: with
 * n = 8 the chosen responses must be clearly better than n = 1 (a plain sample).
 */
class BestOfNTest {

    @Test
    void bestOfEightByTheRewardModelBeatsOneSampleOnTheGroundTruth() {
        List<int[]> prompts = SyntheticTask.prompts(200, 77);
        try (NDManager m = NDManager.newBaseManager();
             RewardModelScorer rm = RewardModelScorer.load(SyntheticPolicies.rewardModelDir(), m)) {
            CausalLm policy = SyntheticPolicies.sftPolicy(m);
            BestOfN bon = new BestOfN(policy, rm, SyntheticPolicies.MAX_NEW_TOKENS, 1.0, SyntheticTask.PAD);
            List<BestOfN.Choice> one = bon.choose(prompts, 1, 3);
            List<BestOfN.Choice> eight = bon.choose(prompts, 8, 3);
            double gt1 = groundTruth(one), gt8 = groundTruth(eight);
            double rm1 = one.stream().mapToDouble(BestOfN.Choice::score).average().orElseThrow();
            double rm8 = eight.stream().mapToDouble(BestOfN.Choice::score).average().orElseThrow();
            System.out.printf("best-of-n (reward model, held-out accuracy %.3f): ground truth n=1 %.3f, n=8 %.3f; "
                    + "reward-model score n=1 %.3f, n=8 %.3f%n", SyntheticPolicies.rewardModelAccuracy(), gt1, gt8, rm1, rm8);

            assertThat(eight).hasSize(prompts.size());
            for (BestOfN.Choice c : eight) {
                assertThat(c.candidateScores()).hasSize(8);
                assertThat(c.score()).isEqualTo(max(c.candidateScores()));
            }
            assertThat(rm8).as("the proxy it maximises").isGreaterThan(rm1);
            assertThat(gt8).as("ground truth of best-of-8 vs one sample (%.3f)", gt1).isGreaterThan(gt1 + 0.05);
        }
    }

    private static double groundTruth(List<BestOfN.Choice> choices) {
        return choices.stream().mapToDouble(c -> SyntheticTask.trueReward(c.prompt(), c.response())).average().orElseThrow();
    }

    private static double max(double[] xs) {
        double best = Double.NEGATIVE_INFINITY;
        for (double x : xs) best = Math.max(best, x);
        return best;
    }
}
