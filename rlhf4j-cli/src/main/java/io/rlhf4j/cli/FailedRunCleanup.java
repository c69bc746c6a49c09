package io.rlhf4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A {@code train} command that fails removes the {@code --out} folder it created, so a failed run
 * leaves nothing that looks like a model. A folder that existed before is left alone, and so is one
 * holding a checkpoint: re-running the command resumes from it, and deleting it would lose the work.
 */
final class FailedRunCleanup implements IExecutionStrategy {
    private final IExecutionStrategy delegate;

    FailedRunCleanup(IExecutionStrategy delegate) {
        this.delegate = delegate;
    }

    @Override
    public int execute(ParseResult parseResult) {
        Path out = trainingOutput(parseResult);
        boolean existed = out == null || Files.exists(out);
        try {
            return delegate.execute(parseResult);
        } catch (RuntimeException e) {
            if (!existed && Files.isDirectory(out) && !hasCheckpoint(out)) delete(out);
            throw e;
        }
    }

    /** The {@code --out} of a {@code train ...} command, or null. */
    private static Path trainingOutput(ParseResult parseResult) {
        ParseResult leaf = parseResult;
        boolean training = false;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
            training |= leaf.commandSpec().name().equals("train");
        }
        if (!training || !leaf.hasMatchedOption("--out")) return null;
        Object value = leaf.matchedOptionValue("--out", null);
        return value instanceof Path p ? p : null;
    }

    private static boolean hasCheckpoint(Path out) {
        try (Stream<Path> files = Files.walk(out)) {
            return files.anyMatch(p -> p.getFileName().toString().startsWith("step-"));
        } catch (IOException e) {
            return true; // cannot tell: keep it
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the failed run's folder " + dir, e);
        }
    }
}
