package io.rlhf4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./rlhf4j} entry point. Each subcommand is one small class in this package. */
@Command(name = "rlhf4j", mixinStandardHelpOptions = true, version = "rlhf4j 0.1.0",
        description = "Reinforcement Learning from Human Feedback for the JVM.",
        subcommands = {
                CommandLine.HelpCommand.class,
                ImportCommand.class,
                ExportCommand.class,
                TrainCommand.class,
                LineageCommand.class,
                GenerateCommand.class,
                ScoreCommand.class,
                BenchCommand.class,
                ServeCommand.class,
                DemoCommand.class,
        })
public final class Rlhf4j implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests execute commands through this without exiting the JVM. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Rlhf4j());
        cli.setExecutionExceptionHandler(new UserErrorHandler());
        cli.setExecutionStrategy(new FailedRunCleanup(new CommandLine.RunLast()));
        return cli;
    }
}
