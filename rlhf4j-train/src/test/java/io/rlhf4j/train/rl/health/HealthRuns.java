package io.rlhf4j.train.rl.health;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.train.checkpoint.CheckpointStore;
import io.rlhf4j.train.reward.RewardFunction;
import io.rlhf4j.train.rl.KlConfig;
import io.rlhf4j.train.rl.OptimConfig;
import io.rlhf4j.train.rl.RlListener;
import io.rlhf4j.train.MetricsLog;
import io.rlhf4j.train.rl.RlResult;
import io.rlhf4j.train.rl.RlRunConfig;
import io.rlhf4j.train.rl.RlStepMetrics;
import io.rlhf4j.train.rl.SyntheticPolicies;
import io.rlhf4j.train.rl.WinRateEvaluator;
import io.rlhf4j.train.rl.grpo.GrpoConfig;
import io.rlhf4j.train.rl.grpo.GrpoTrainer;
import io.rlhf4j.train.rl.rollout.RolloutConfig;
import io.rlhf4j.train.synthetic.SyntheticTask;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Short GRPO runs on the synthetic task that go wrong on purpose, for the health-check tests. */
final class HealthRuns {
    private HealthRuns() {}

    static final ObjectMapper JSON = new ObjectMapper();
    static final List<int[]> TRAIN = SyntheticTask.prompts(256, 1);
    static final List<int[]> HELD_OUT = SyntheticTask.prompts(64, 99);
    static final int T5 = 5;

    /** A proxy that pays for one token, anywhere, any number of times: trivially hackable. */
    static final RewardFunction COUNT_T5 = (prompts, responses) -> {
        double[] out = new double[responses.size()];
        for (int i = 0; i < out.length; i++) for (int t : responses.get(i)) if (t == T5) out[i]++;
        return out;
    };

    static final RewardFunction AVOID_THEME_ZERO = (prompts, responses) -> {
        double[] out = new double[responses.size()];
        for (int i = 0; i < out.length; i++) {
            for (int t : responses.get(i)) if (t >= SyntheticTask.FIRST_CONTENT && t % 3 == 0) out[i]--;
        }
        return out;
    };

    static final RewardFunction SHORTER_IS_BETTER = (prompts, responses) -> {
        double[] out = new double[responses.size()];
        for (int i = 0; i < out.length; i++) out[i] = -responses.get(i).length;
        return out;
    };

    static GrpoConfig config(int steps, double beta, double lr, double temperature, HealthConfig health) {
        GrpoConfig g = GrpoConfig.grpo();
        RlRunConfig run = g.run().toBuilder().steps(steps)
                .rollout(new RolloutConfig(8, 4, SyntheticPolicies.MAX_NEW_TOKENS, temperature, 0))
                .optim(OptimConfig.of(lr, 2, 16)).kl(KlConfig.fixed(beta)).health(health).build();
        return g.toBuilder().run(run).build();
    }

    record Outcome(RlResult result, List<RlStepMetrics> steps, List<JsonNode> log) {
        Set<HealthCheck> fired() {
            return result.warnings().stream().map(HealthWarning::check).collect(Collectors.toSet());
        }

        /** Every warning of the result appears in the log line of its step. */
        void assertLogged() {
            for (HealthWarning w : result.warnings()) {
                boolean found = false;
                for (JsonNode line : log) {
                    if (line.get("step").asLong() != w.step() || !line.has("warnings")) continue;
                    for (JsonNode s : line.get("warnings")) found |= s.asText().startsWith(w.check().name() + ":");
                }
                assertThat(found).as("%s in the log", w).isTrue();
            }
        }
    }

    static Outcome run(GrpoConfig config, RewardFunction reward, boolean withHeldOut, CheckpointStore checkpoints,
                               Path dir) throws Exception {
        List<RlStepMetrics> steps = new ArrayList<>();
        Path logFile = dir.resolve(MetricsLog.RL_FILE);
        try (NDManager m = NDManager.newBaseManager()) {
            CausalLm policy = SyntheticPolicies.sftPolicy(m);
            CausalLm reference = SyntheticPolicies.sftPolicy(m);
            RlResult result;
            GrpoTrainer trainer = new GrpoTrainer(config, policy, reference, reward, SyntheticTask.PAD);
            try (MetricsLog log = new MetricsLog(logFile)) {
                trainer.addListener(log).addListener(new RlListener() {
                    @Override public void onStep(RlStepMetrics s) {
                        steps.add(s);
                        System.out.printf("step %d reward %.3f kl %.3f entropy %.3f length %.2f no-eos %.2f repeat %.2f "
                                + "held-out %s %s%n", s.step(), s.reward(), s.kl(), s.entropy(), s.responseLength(),
                                s.noEosFraction(), s.repeatFraction(), s.validationScore(), s.warnings());
                    }
                });
                if (withHeldOut) {
                    // the gold judge: the task's true reward, which the token-count proxy only pretends to be
                    trainer.withValidator(new WinRateEvaluator(reference, SyntheticPolicies.TRUE_REWARD,
                            HELD_OUT, SyntheticPolicies.MAX_NEW_TOKENS, 1000));
                }
                result = trainer.train(TRAIN, checkpoints);
            }
            List<JsonNode> log = new ArrayList<>();
            for (String line : Files.readAllLines(logFile)) log.add(JSON.readTree(line));
            return new Outcome(result, steps, log);
        }
    }

}
