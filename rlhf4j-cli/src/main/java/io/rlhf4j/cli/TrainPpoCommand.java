package io.rlhf4j.cli;

import io.rlhf4j.train.rl.RlJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code ./rlhf4j train ppo}: PPO against a reward model, critic initialised from it (InstructGPT). */
@Command(name = "ppo", mixinStandardHelpOptions = true,
        description = "PPO against a reward model (frozen reference, critic from the reward model, KL penalty, GAE).")
public final class TrainPpoCommand implements Callable<Integer> {
    @Mixin
    RlOptions options;

    @Override
    public Integer call() throws Exception {
        return options.execute(RlJob.Algorithm.PPO, 1);
    }
}
