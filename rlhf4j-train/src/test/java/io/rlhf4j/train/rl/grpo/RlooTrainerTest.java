package io.rlhf4j.train.rl.grpo;

import org.junit.jupiter.api.Test;

/** RLOO (leave-one-out baseline, KL subtracted from the sequence reward) on the synthetic task. */
class RlooTrainerTest {
    @Test
    void rlooRaisesTheGroundTruthRewardWhileKlStaysBounded() {
        GroupTraining.assertRaisesGroundTruthReward(
                GroupTraining.sized(GrpoConfig.rloo(), 0.05).toBuilder().normalizeAdvantages(true).build());
    }
}
