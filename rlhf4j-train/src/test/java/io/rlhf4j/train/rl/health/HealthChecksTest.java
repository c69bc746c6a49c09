package io.rlhf4j.train.rl.health;

import io.rlhf4j.train.checkpoint.CheckpointStore;
import io.rlhf4j.train.reward.RewardFunction;
import io.rlhf4j.train.rl.RlStepMetrics;
import io.rlhf4j.train.rl.SyntheticPolicies;
import io.rlhf4j.train.rl.grpo.GrpoConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static io.rlhf4j.train.rl.health.HealthRuns.*;
import io.rlhf4j.train.rl.CheckpointSelector;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run-health checks, each provoked by a real (short) GRPO run that goes wrong in that way, with
 * the warning checked in the result and in the JSONL log.
 */
class HealthChecksTest {
    @Test
    void aHackableRewardWithoutKlPenaltyTripsKlEntropyRepetitionRunawayAndHackingChecks(@TempDir Path dir) throws Exception {
        // entropy floor 1.5 nats/token: the SFT policy has 2.7, a policy fixated on one token far less
        HealthConfig health = HealthConfig.builder().maxKl(4).minEntropy(1.5).maxNoEosFraction(0.5).repeatRun(4)
                .maxRepeatFraction(0.5).hackingMargin(0.05).action(HealthCheck.REWARD_HACKING, HealthAction.WARN).build();
        GrpoConfig c = config(10, 0.0, 1e-2, 1.0, health);
        c = c.toBuilder().run(c.run().toBuilder().validateEvery(1).selection(CheckpointSelector.Selection.LAST).build()).build();
        Outcome o = run(c, COUNT_T5, true, null, dir);
        assertThat(o.fired()).contains(HealthCheck.KL_BLOWUP, HealthCheck.ENTROPY_COLLAPSE, HealthCheck.REPETITION,
                HealthCheck.LENGTH_RUNAWAY, HealthCheck.REWARD_HACKING);
        assertThat(o.result().stoppedByHealthCheck()).as("WARN only").isFalse();
        assertThat(o.result().steps()).isEqualTo(10);
        o.assertLogged();
    }

    @Test
    void samplingHotterThanThePolicyDrivesTheKlEstimateNegative(@TempDir Path dir) throws Exception {
        // the policy learns to avoid a third of the vocabulary; sampled at temperature 2.5 those tokens keep
        // coming up, each with log π far below log π_ref, so the k1 estimate on these samples turns negative
        Outcome o = run(config(3, 0.0, 1e-2, 2.5, HealthConfig.defaults()), AVOID_THEME_ZERO, false, null, dir);
        assertThat(o.fired()).contains(HealthCheck.NEGATIVE_KL);
        o.assertLogged();
    }
}
