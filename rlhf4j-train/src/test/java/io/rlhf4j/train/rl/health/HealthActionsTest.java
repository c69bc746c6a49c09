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
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The STOP and ROLLBACK actions, on runs that collapse their response length and that meet a NaN
 * reward; the NaN run also covers the non-finite check.
 */
class HealthActionsTest {
    @Test
    void rewardingShortnessCollapsesLengthAndTheStopActionEndsTheRun(@TempDir Path dir) throws Exception {
        HealthConfig health = HealthConfig.builder().action(HealthCheck.LENGTH_COLLAPSE, HealthAction.STOP).build();
        Outcome o = run(config(20, 0.0, 1e-2, 1.0, health), SHORTER_IS_BETTER, false, null, dir);
        assertThat(o.fired()).contains(HealthCheck.LENGTH_COLLAPSE);
        assertThat(o.result().stoppedByHealthCheck()).isTrue();
        assertThat(o.result().steps()).isLessThan(20);
        o.assertLogged();
    }

    @Test
    void aNanRewardIsCaughtAndRolledBackToTheLastHealthyCheckpoint(@TempDir Path dir) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        RewardFunction nanOnThirdCall = (prompts, responses) -> {
            double[] out = SyntheticPolicies.TRUE_REWARD.score(prompts, responses);
            if (calls.incrementAndGet() == 3) out[0] = Double.NaN;
            return out;
        };
        HealthConfig health = HealthConfig.builder().action(HealthCheck.NON_FINITE, HealthAction.ROLLBACK).build();
        GrpoConfig c = config(5, 0.04, 3e-3, 1.0, health);
        // no reward normalisation: its reference samples would be the reward function's first call, and the calls are counted
        c = c.toBuilder().run(c.run().toBuilder().checkpointEvery(1).rewardNormSamples(0).build()).build();
        Outcome o = run(c, nanOnThirdCall, false, new CheckpointStore(dir.resolve("checkpoints"), 2), dir);
        assertThat(o.fired()).containsExactly(HealthCheck.NON_FINITE);
        assertThat(o.result().rollbacks()).isEqualTo(1);
        assertThat(o.result().stoppedByHealthCheck()).isFalse();
        assertThat(o.result().steps()).isEqualTo(5);
        assertThat(o.steps()).extracting(RlStepMetrics::step).containsExactly(1L, 2L, 3L, 3L, 4L, 5L);
        RlStepMetrics last = o.result().last();
        assertThat(Double.isFinite(last.loss()) && Double.isFinite(last.reward())).as("healthy after the rollback").isTrue();
    }


    @Test
    void aFailureThatPersistsAfterRollbacksStopsTheRunOnTheLastHealthyPolicy(@TempDir Path dir) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        RewardFunction nanFromThirdCall = (prompts, responses) -> {
            double[] out = SyntheticPolicies.TRUE_REWARD.score(prompts, responses);
            if (calls.incrementAndGet() >= 3) out[0] = Double.NaN;
            return out;
        };
        HealthConfig health = HealthConfig.builder().action(HealthCheck.NON_FINITE, HealthAction.ROLLBACK).build();
        GrpoConfig c = config(5, 0.04, 3e-3, 1.0, health);
        // no reward normalisation: its reference samples would be the reward function's first call, and the calls are counted
        c = c.toBuilder().run(c.run().toBuilder().checkpointEvery(1).rewardNormSamples(0).build()).build();
        Outcome o = run(c, nanFromThirdCall, false, new CheckpointStore(dir.resolve("checkpoints"), 2), dir);
        assertThat(o.result().stoppedByHealthCheck()).isTrue();
        assertThat(o.result().rollbacks()).isEqualTo(io.rlhf4j.train.rl.RlRun.MAX_CONSECUTIVE_ROLLBACKS);
        assertThat(o.result().steps()).as("handed back at the last healthy checkpoint").isEqualTo(2);
        assertThat(o.steps()).extracting(RlStepMetrics::step).containsExactly(1L, 2L, 3L, 3L, 3L, 3L);
    }
}
