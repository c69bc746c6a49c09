package io.rlhf4j.cli;

import io.rlhf4j.train.rl.RlJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code ./rlhf4j train grpo}: critic-free GRPO (or RLOO with {@code --rloo}) against a reward model. */
@Command(name = "grpo", mixinStandardHelpOptions = true,
        description = "GRPO against a reward model: k samples per prompt, group-relative advantages, no critic.")
public final class TrainGrpoCommand implements Callable<Integer> {
    @Mixin
    RlOptions options;

    @Option(names = {"-k", "--samples-per-prompt"}, defaultValue = "4", description = "Group size. Default: ${DEFAULT-VALUE}.")
    int k;

    @Option(names = "--rloo", description = "RLOO instead: leave-one-out baseline, KL subtracted from the reward.")
    boolean rloo;

    @Override
    public Integer call() throws Exception {
        RlJob.Algorithm algorithm = rloo ? RlJob.Algorithm.RLOO : RlJob.Algorithm.GRPO;
        return options.execute(options.job(algorithm, k), algorithm);
    }
}
