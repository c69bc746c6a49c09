package io.rlhf4j.cli;

import io.rlhf4j.core.format.DatasetFormat;
import io.rlhf4j.core.format.DatasetReader;
import io.rlhf4j.core.format.FormatOptions;
import io.rlhf4j.core.format.Formats;
import io.rlhf4j.store.ImportResult;
import io.rlhf4j.store.Importer;
import io.rlhf4j.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code rlhf4j import --format hh-rlhf FILE}: reads a dataset file into the store, all or nothing.
 * A bad line fails with the reader's file:line: field: problem message (exit 2) and the store is
 * left exactly as it was; importing the same file again adds nothing.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import a dataset file (hh-rlhf, trl, rlhf4j; .gz read as gzip) into the store, all or nothing.")
public final class ImportCommand implements Callable<Integer> {
    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "hh-rlhf, trl or rlhf4j.")
    String format;

    @Parameters(paramLabel = "FILE", description = "The dataset file (JSONL, or JSONL.gz).")
    Path file;

    @Option(names = "--dataset", paramLabel = "NAME",
            description = "Dataset name to record the entries under (default: the file name without extensions).")
    String dataset;

    @Option(names = "--domain", paramLabel = "DOMAIN", description = "Domain for the imported prompts (default: general).")
    String domain;

    @Option(names = "--keep-duplicates",
            description = "Import a line that repeats an earlier one as a judgment of its own (default: skip and report it).")
    boolean keepDuplicates;

    @Mixin
    DbOption db;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        QuietStoreLogs.apply();
        DatasetFormat parsed = DatasetFormat.parse(format);
        if (Files.isDirectory(file)) throw new IllegalArgumentException(file + ": is a directory, not a dataset file");
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException(file + ": no such file");
        String name = dataset == null || dataset.isBlank() ? Importer.Source.defaultName(file) : dataset;
        try (Store store = Store.open(db.jdbcUrl());
             DatasetReader reader = Formats.open(parsed, file,
                     FormatOptions.builder().domain(domain).keepDuplicates(keepDuplicates).build())) {
            ImportResult result = new Importer(store).importFrom(reader, new Importer.Source(name, parsed.cliName(), file));
            spec.commandLine().getOut().println(result.summary());
        }
        return 0;
    }
}
