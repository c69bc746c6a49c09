package io.rlhf4j.store;

import io.rlhf4j.core.data.Annotator;
import io.rlhf4j.core.data.DatasetEntry;
import io.rlhf4j.core.data.DatasetItem;
import io.rlhf4j.core.data.Judgment;
import io.rlhf4j.core.format.DatasetFormatException;
import io.rlhf4j.core.format.DatasetReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Streams a dataset file into the store, all or nothing: the whole file is read and written inside
 * ONE transaction, so a bad line (even the last), a reader that throws, or a crash leaves the store
 * exactly as it was. Rows are written in JDBC batches of {@value #BATCH} items, and since their ids
 * are content-derived a second import of the same file adds nothing. A file with no records is an
 * error (nothing is written); lines the reader skipped as repeats are reported in the result.
 */
public final class Importer {
    /** Where the entries come from: the dataset to record them under, the format's name, the file. */
    public record Source(String dataset, String format, Path file) {
        public Source {
            if (dataset == null || dataset.isBlank()) throw new IllegalArgumentException("dataset name is required");
            if (format == null || format.isBlank()) throw new IllegalArgumentException("format is required");
        }

        /** The default dataset name for a file: its name without extensions ("hh-test.jsonl.gz" -> "hh-test"). */
        public static String defaultName(Path file) {
            String name = file.getFileName().toString();
            int dot = name.indexOf('.');
            return dot > 0 ? name.substring(0, dot) : name;
        }
    }

    static final int BATCH = 500;

    private final Store store;

    /** Prompts keep the domain the reader gives them (set it with the format's options, e.g. {@code --domain}). */
    public Importer(Store store) {
        this.store = store;
    }

    /**
     * Reads every entry of {@code reader} into dataset {@code source.dataset()}. Throws the reader's
     * {@link io.rlhf4j.core.format.DatasetFormatException} (file:line: field: problem) unchanged on
     * bad input, after rolling back. The reader is not closed here: its opener closes it.
     */
    public ImportResult importFrom(DatasetReader reader, Source source) {
        long start = System.nanoTime();
        String sha256 = source.file() == null ? null : sha256(source.file());
        String path = source.file() == null ? null : source.file().toAbsolutePath().toString();
        return store.transaction(tx -> {
            tx.datasets().upsert(source.dataset(), source.format(), path, sha256, Instant.now());
            Batch batch = new Batch(tx, source.dataset());
            DatasetEntry entry;
            while ((entry = reader.next()) != null) {
                switch (entry) {
                    case DatasetItem item -> batch.add(reader.line(), item);
                    case Annotator annotator -> batch.add(annotator);
                }
            }
            batch.flush();
            if (batch.entries == 0) {
                // an empty dataset row would say the import worked; rolling back says it did not
                throw new DatasetFormatException(source.file(), 0, null, reader.line() == 0
                        ? "no records: the file is empty" : "no records: its " + reader.line() + " lines are all blank");
            }
            Dataset dataset = tx.datasets().refreshCounts(source.dataset());
            return new ImportResult(dataset, batch.entries, batch.comparisons, batch.counts, reader.duplicates(),
                    Duration.ofNanos(System.nanoTime() - start));
        });
    }

    /** The items read but not yet written, and the running totals. */
    private static final class Batch {
        private final Tx tx;
        private final String dataset;
        private final List<DatasetRepository.Member> pending = new ArrayList<>();
        private final Set<String> annotators = new LinkedHashSet<>();
        long entries;
        long comparisons;
        SaveCounts counts = SaveCounts.NONE;

        Batch(Tx tx, String dataset) {
            this.tx = tx;
            this.dataset = dataset;
        }

        void add(long line, DatasetItem item) throws SQLException {
            entries++;
            comparisons += item.comparisons().size();
            for (Judgment j : item.judgments()) annotators.add(j.meta().annotatorId());
            pending.add(new DatasetRepository.Member(line, item));
            if (pending.size() >= BATCH) flush();
        }

        void add(Annotator annotator) throws SQLException {
            entries++;
            boolean added = tx.annotators().save(annotator);
            counts = counts.plus(new SaveCounts(0, 0, 0, 0, 0, 0, added ? 1 : 0));
            annotators.add(annotator.id());
        }

        void flush() throws SQLException {
            if (!pending.isEmpty()) {
                counts = counts.plus(ItemBatch.save(tx, pending.stream().map(DatasetRepository.Member::item).toList()));
                tx.datasets().addMembers(dataset, pending);
                pending.clear();
            }
            if (!annotators.isEmpty()) {
                tx.datasets().addAnnotators(dataset, annotators);
                annotators.clear();
            }
        }
    }

    /** SHA-256 of the file's bytes as stored (compressed, for a .gz): identifies exactly what was imported. */
    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return java.util.HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
