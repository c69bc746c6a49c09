package io.rlhf4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./rlhf4j train <trainer>}: one subcommand per trainer (sft now; reward, dpo, ppo, grpo join here). */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a model (sft, ...).",
        subcommands = {TrainSftCommand.class, TrainRewardCommand.class, TrainDpoCommand.class, TrainPpoCommand.class,
                TrainGrpoCommand.class})
public final class TrainCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
