package io.rlhf4j.train.rl.grpo;

import org.junit.jupiter.api.Test;

/** GRPO (group-normalised advantages, k3 KL term in the loss) on the synthetic task. */
class GrpoTrainerTest {
    @Test
    void grpoRaisesTheGroundTruthRewardWhileKlStaysBounded() {
        GroupTraining.assertRaisesGroundTruthReward(GroupTraining.sized(GrpoConfig.grpo(), 0.04));
    }
}
