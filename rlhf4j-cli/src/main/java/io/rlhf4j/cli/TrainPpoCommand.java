package io.rlhf4j.cli;

import io.rlhf4j.train.rl.RlJob;
import io.rlhf4j.train.rl.ppo.PpoConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ./rlhf4j train ppo}: PPO against a reward model, critic initialised from it (InstructGPT), optionally PPO-ptx. */
@Command(name = "ppo", mixinStandardHelpOptions = true,
        description = "PPO against a reward model (frozen SFT reference, critic from the reward model, KL penalty, GAE).")
public final class TrainPpoCommand implements Callable<Integer> {
    @Mixin
    RlOptions options;

    @Option(names = "--ptx-coef", description = "PPO-ptx (InstructGPT): weight of the SFT loss on --ptx-data mixed into "
            + "every minibatch; 0: plain PPO. Default: ${DEFAULT-VALUE}.")
    double ptxCoef = PpoConfig.defaults().ptxCoef();

    @Option(names = "--ptx-data", paramLabel = "FILE", description = "Demonstrations for PPO-ptx (the SFT data: demonstrations, "
            + "else chosen responses).")
    Path ptxData;

    @Option(names = "--ptx-format", defaultValue = "rlhf4j", description = "Format of --ptx-data: hh-rlhf, trl or rlhf4j. "
            + "Default: ${DEFAULT-VALUE}.")
    String ptxFormat;

    @Override
    public Integer call() throws Exception {
        RlJob job = options.job(RlJob.Algorithm.PPO, 1);
        if (ptxCoef > 0 || ptxData != null) job.withPtx(ptxCoef, ptxData, ptxFormat);
        return options.execute(job, RlJob.Algorithm.PPO);
    }
}
