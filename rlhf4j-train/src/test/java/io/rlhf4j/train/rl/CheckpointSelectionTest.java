package io.rlhf4j.train.rl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.train.reward.RewardFunction;
import io.rlhf4j.train.rl.grpo.GrpoConfig;
import io.rlhf4j.train.rl.grpo.GrpoTrainer;
import io.rlhf4j.train.rl.health.HealthAction;
import io.rlhf4j.train.rl.health.HealthCheck;
import io.rlhf4j.train.rl.health.HealthConfig;
import io.rlhf4j.train.rl.rollout.RolloutConfig;
import io.rlhf4j.train.synthetic.SyntheticTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checkpoint selection by a held-out validation signal, on a provoked over-optimisation: GRPO with
 * no KL penalty against a proxy that is the task's true reward plus a bonus for one token wherever
 * it appears, validated by the true reward alone (win rate against SFT on held-out prompts). The
 * policy first improves, then stuffs the token: the proxy keeps climbing while the true reward
 * falls. The run must end with an earlier, better-validated policy (not the last), say which and
 * why, and REWARD_HACKING's rollback must go back to the best validated policy.
 */
class CheckpointSelectionTest {
    private static final List<int[]> TRAIN = SyntheticTask.prompts(256, 1);
    private static final List<int[]> VALIDATION = SyntheticTask.prompts(64, 99);
    private static final int T5 = 5;
    private static final RewardFunction TRUE_PLUS_T5 = (prompts, responses) -> {
        double[] out = SyntheticPolicies.TRUE_REWARD.score(prompts, responses);
        for (int i = 0; i < out.length; i++) for (int t : responses.get(i)) if (t == T5) out[i] += 0.3;
        return out;
    };

    private static final double LR = 3e-3;

    record Run(RlResult result, List<Long> rollbacksTo, double finalValidation) {}

    private static Run run(HealthAction onHacking) {
        GrpoConfig g = GrpoConfig.grpo();
        RlRunConfig runConfig = g.run().toBuilder().steps(10)
                .rollout(new RolloutConfig(8, 4, SyntheticPolicies.MAX_NEW_TOKENS, 1.0, 0))
                .optim(OptimConfig.of(LR, 2, 16)).kl(KlConfig.fixed(0)).validateEvery(2)
                .health(HealthConfig.builder().action(HealthCheck.REWARD_HACKING, onHacking).build()).build();
        try (NDManager m = NDManager.newBaseManager()) {
            CausalLm policy = SyntheticPolicies.sftPolicy(m);
            CausalLm sft = SyntheticPolicies.sftPolicy(m);
            WinRateEvaluator gold = new WinRateEvaluator(sft, SyntheticPolicies.TRUE_REWARD, VALIDATION,
                    SyntheticPolicies.MAX_NEW_TOKENS, 1000);
            List<Long> rollbacks = new ArrayList<>();
            GrpoTrainer t = new GrpoTrainer(g.toBuilder().run(runConfig).build(), policy, sft, TRUE_PLUS_T5, SyntheticTask.PAD);
            t.withValidator(gold).addListener(new RlListener() {
                @Override public void onStep(RlStepMetrics s) {
                    System.out.printf("step %d proxy %.3f validation %s %s%n", s.step(), s.rawScore(), s.validationScore(), s.warnings());
                }

                @Override public void onRollback(long toStep) { rollbacks.add(toStep); }
            });
            RlResult result = t.train(TRAIN, null);
            return new Run(result, rollbacks, gold.score(policy));
        }
    }

    @Test
    void overOptimisationEndsWithAnEarlierBetterValidatedCheckpoint() {
        Run r = run(HealthAction.WARN);
        CheckpointSelector.Choice choice = r.result().selection();
        System.out.println("chosen: " + choice.step() + ": " + choice.reason());
        List<CheckpointSelector.Validation> curve = choice.curve();
        CheckpointSelector.Validation last = curve.get(curve.size() - 1);
        assertThat(last.step()).isEqualTo(10);
        assertThat(curve.get(0).step()).as("the starting policy is validated too").isZero();
        assertThat(choice.step()).as("an earlier checkpoint than the last").isLessThan(10);
        assertThat(choice.score()).isGreaterThan(last.score());
        assertThat(choice.score()).isEqualTo(curve.stream().mapToDouble(CheckpointSelector.Validation::score).max().orElseThrow());
        assertThat(r.result().steps()).isEqualTo(choice.step());
        assertThat(choice.reason()).contains("best validation").contains("step " + choice.step());
        assertThat(r.finalValidation()).as("the policy handed back is the chosen one").isEqualTo(choice.score());
    }

    @Test
    void rewardHackingRollsBackToTheBestValidatedPolicy() {
        Run r = run(HealthAction.ROLLBACK);
        assertThat(r.result().warnings()).extracting(w -> w.check()).contains(HealthCheck.REWARD_HACKING);
        assertThat(r.result().rollbacks()).isPositive();
        assertThat(r.rollbacksTo()).isNotEmpty();
        CheckpointSelector.Choice choice = r.result().selection();
        // each rollback lands on a validated step no later than the hacking step that triggered it
        for (long to : r.rollbacksTo()) {
            assertThat(choice.curve()).extracting(CheckpointSelector.Validation::step).contains(to);
        }
        assertThat(r.finalValidation()).isEqualTo(choice.score());
    }

    @Test
    void aResumedRunPicksUpTheBestSnapshotAndCurveWrittenBeforeTheKill(@TempDir Path dir) {
        Path file = dir.resolve(RlRun.BEST_VALIDATED);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(new float[] {1, 2});
            Map<String, NDArray> params = new LinkedHashMap<>(Map.of("w", w));
            try (CheckpointSelector s = new CheckpointSelector(params, file)) {
                s.record(0, 0.5, null, null, 0.1);
                w.set(new float[] {3, 4});
                s.record(2, 0.9, 1.0, 0.5, 0.2);
                w.set(new float[] {5, 6});
                s.record(4, 0.4, 2.0, 1.5, 0.3);
            }
            w.set(new float[] {7, 8}); // the resumed run's parameters (its resume checkpoint's)
            try (CheckpointSelector s = new CheckpointSelector(params, file)) {
                assertThat(s.resume(3)).isTrue();
                assertThat(s.bestStep()).isEqualTo(2);
                assertThat(s.bestScore()).isEqualTo(0.9);
                assertThat(s.curve()).extracting(CheckpointSelector.Validation::step).as("step 4 came after the resume point")
                        .containsExactly(0L, 2L);
                assertThat(s.choose(CheckpointSelector.Selection.BEST_VALIDATION, 6, "test").step()).isEqualTo(2);
                assertThat(w.toFloatArray()).containsExactly(3, 4);
            }
            try (CheckpointSelector s = new CheckpointSelector(params, file)) {
                assertThat(s.resume(1)).as("a best written after the resume point is not this run's past").isFalse();
            }
        }
    }

    @Test
    void theSelectorRestoresTheBestSnapshotInPlace() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(new float[] {1, 2});
            Map<String, NDArray> params = new LinkedHashMap<>(Map.of("w", w));
            try (CheckpointSelector s = new CheckpointSelector(params)) {
                s.record(0, 0.5, null, null, 0.1);
                w.set(new float[] {3, 4});
                assertThat(s.record(2, 0.9, 1.0, 0.5, 0.2)).isTrue();
                w.set(new float[] {5, 6});
                assertThat(s.record(4, 0.4, 2.0, 1.5, 0.3)).isFalse();
                CheckpointSelector.Choice c = s.choose(CheckpointSelector.Selection.BEST_VALIDATION, 4, "test");
                assertThat(c.step()).isEqualTo(2);
                assertThat(w.toFloatArray()).containsExactly(3, 4);
                assertThat(s.bestKlCoef()).isEqualTo(0.2);
                w.set(new float[] {5, 6});
                assertThat(s.choose(CheckpointSelector.Selection.LAST, 4, "test").step()).isEqualTo(4);
                assertThat(w.toFloatArray()).as("LAST keeps the last parameters").containsExactly(5, 6);
            }
        }
    }
}
