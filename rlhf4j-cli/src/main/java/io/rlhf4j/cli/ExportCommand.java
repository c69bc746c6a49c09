package io.rlhf4j.cli;

import io.rlhf4j.core.format.DatasetFormat;
import io.rlhf4j.core.format.DatasetWriter;
import io.rlhf4j.core.format.Formats;
import io.rlhf4j.store.Exporter;
import io.rlhf4j.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code rlhf4j export --format trl --out FILE}: writes stored data to a dataset file. The file is
 * written beside the target under a temporary name and moved into place at the end, so a failed
 * export never leaves a truncated file that looks complete. What the format cannot express
 * (ratings in trl, annotators in hh-rlhf, ...) is counted and reported, not silently dropped.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export stored data to a dataset file (hh-rlhf, trl, rlhf4j; a .gz name writes gzip).")
public final class ExportCommand implements Callable<Integer> {
    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "trl, hh-rlhf or rlhf4j.")
    String format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The file to write.")
    Path out;

    @Option(names = "--dataset", paramLabel = "NAME", description = "Export only this dataset (default: everything).")
    String dataset;

    @Option(names = "--kinds", split = ",", paramLabel = "KIND",
            description = "Only these judgment kinds: pairwise, ranking, rating, safety_flag, demonstration (default: all).")
    List<String> kinds;

    @Mixin
    DbOption db;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        QuietStoreLogs.apply();
        DatasetFormat parsed = DatasetFormat.parse(format);
        Set<String> wanted = kinds == null ? Set.of() : Set.copyOf(kinds);
        for (String k : wanted) {
            if (!List.of("pairwise", "ranking", "rating", "safety_flag", "demonstration").contains(k)) {
                throw new IllegalArgumentException("unknown judgment kind '" + k
                        + "' (expected pairwise, ranking, rating, safety_flag or demonstration)");
            }
        }
        Path target = out.toAbsolutePath();
        if (target.getParent() != null) Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling(".partial-" + System.nanoTime() + "-" + target.getFileName());
        Exporter.ExportResult result;
        Map<String, Long> skipped;
        try (Store store = Store.open(db.jdbcUrl())) {
            try (DatasetWriter writer = Formats.create(parsed, partial)) {
                boolean annotators = parsed == DatasetFormat.NATIVE; // the only format with annotator records
                result = new Exporter(store).exportTo(writer, new Exporter.Selection(dataset, wanted, annotators));
                skipped = writer.skipped();
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteQuietly(partial);
        }
        spec.commandLine().getOut().println("exported " + result.items() + " items as " + result.written() + " "
                + parsed.cliName() + " records to " + out + " in " + result.took().toMillis() + " ms");
        if (!skipped.isEmpty()) {
            spec.commandLine().getOut().println("not expressible in " + parsed.cliName() + ", skipped: " + skipped);
        }
        return 0;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: the real error (if any) is already on its way out
        }
    }
}
