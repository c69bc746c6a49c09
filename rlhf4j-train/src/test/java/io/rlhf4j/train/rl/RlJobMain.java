package io.rlhf4j.train.rl;

import io.rlhf4j.train.MetricsLog;
import ai.djl.ndarray.NDManager;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.model.io.ModelIO;
import io.rlhf4j.train.checkpoint.CheckpointStore;
import io.rlhf4j.train.rl.ppo.PpoConfig;
import io.rlhf4j.train.rl.ppo.PpoTrainer;
import io.rlhf4j.train.rl.rollout.RolloutConfig;
import io.rlhf4j.train.synthetic.SyntheticTask;

import java.nio.file.Path;

/**
 * A resumable PPO job on the synthetic task (policy and critic checkpointed every 2 steps, JSONL
 * log, final policy saved), run in-process by the tests and as a child JVM that they SIGKILL.
 * Prints "step N" after each step and "done" at the end.
 */
public final class RlJobMain {
    static final String FINAL = "final";

    private RlJobMain() {}

    static PpoConfig config(long steps) {
        return PpoConfig.builder().run(RlRunConfig.builder().steps(steps).seed(7)
                .rollout(new RolloutConfig(16, 1, SyntheticPolicies.MAX_NEW_TOKENS, 1.0, 0.5))
                .optim(OptimConfig.of(2e-3, 2, 8))
                .kl(KlConfig.adaptive(0.05, 1.0, 1000))
                .checkpointEvery(2).build()).build();
    }

    static RlResult run(Path sftDir, Path out, long steps, boolean print) {
        try (NDManager m = NDManager.newBaseManager()) {
            CausalLm policy = ModelIO.load(sftDir, m);
            CausalLm reference = ModelIO.load(sftDir, m);
            RlResult result;
            try (PpoTrainer trainer = new PpoTrainer(config(steps), policy, reference, SyntheticPolicies.TRUE_REWARD, null,
                    SyntheticTask.PAD);
                 MetricsLog log = new MetricsLog(out.resolve(MetricsLog.RL_FILE))) {
                trainer.addListener(log);
                if (print) {
                    trainer.addListener(new RlListener() {
                        @Override public void onStep(RlStepMetrics s) {
                            System.out.println("step " + s.step());
                            System.out.flush();
                        }
                    });
                }
                result = trainer.train(SyntheticTask.prompts(256, 1), new CheckpointStore(out.resolve("checkpoints"), 2));
            }
            ModelIO.save(policy, out.resolve(FINAL));
            return result;
        }
    }

    public static void main(String[] args) {
        // the parent test passes its engine's thread count, so both JVMs do the same arithmetic
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) System.setProperty("ai.djl.pytorch.num_threads", "1");
        run(Path.of(args[0]), Path.of(args[1]), Long.parseLong(args[2]), true);
        System.out.println("done");
    }
}
