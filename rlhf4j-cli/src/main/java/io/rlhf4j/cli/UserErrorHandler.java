package io.rlhf4j.cli;

import picocli.CommandLine;

/**
 * Turns exceptions from commands into one clear line on stderr and a non-zero exit, instead of a
 * stack trace. Input problems ({@link IllegalArgumentException} and friends) exit with 2; anything
 * else exits with 1 and keeps the stack trace when RLHF4J_DEBUG is set.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        String message = ex.getMessage() == null ? ex.toString() : ex.getMessage();
        cmd.getErr().println("rlhf4j " + cmd.getCommandName() + ": " + message);
        if (System.getenv("RLHF4J_DEBUG") != null) ex.printStackTrace(cmd.getErr());
        return ex instanceof IllegalArgumentException || ex instanceof java.io.UncheckedIOException ? 2 : 1;
    }
}
