package io.rlhf4j.store;

import io.rlhf4j.core.data.Annotator;
import io.rlhf4j.core.format.DatasetWriter;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Streams stored data into a {@link DatasetWriter}, reading in one transaction so the file is a
 * consistent snapshot even while annotators keep submitting.
 */
public final class Exporter {
    /**
     * What to export. {@code dataset} null: everything. {@code kinds} empty: every judgment kind (the
     * pair formats take only "pairwise" and "ranking"). {@code annotators}: write annotator entries
     * first, for the native format, which is the only one that can hold them.
     */
    public record Selection(String dataset, Set<String> kinds, boolean annotators) {
        public Selection {
            kinds = kinds == null ? Set.of() : Set.copyOf(kinds);
        }

        public static Selection all() {
            return new Selection(null, Set.of(), true);
        }
    }

    /** Items and records written (a pair format writes one record per comparison, so these differ). */
    public record ExportResult(long items, long annotators, long written, Duration took) {}

    private final Store store;

    public Exporter(Store store) {
        this.store = store;
    }

    public ExportResult exportTo(DatasetWriter writer, Selection selection) {
        long start = System.nanoTime();
        if (selection.dataset() != null) {
            boolean exists = store.transaction(tx -> tx.datasets().find(selection.dataset()).isPresent());
            if (!exists) throw new IllegalArgumentException("no dataset named '" + selection.dataset() + "'");
        }
        return store.transaction(tx -> {
            long annotators = 0;
            if (selection.annotators()) {
                for (Annotator a : annotatorsOf(tx, selection.dataset())) {
                    writer.write(a);
                    annotators++;
                }
            }
            long items = StoredItems.forEach(tx, selection.dataset(), selection.kinds(), writer::write);
            return new ExportResult(items, annotators, writer.written(), Duration.ofNanos(System.nanoTime() - start));
        });
    }

    private static List<Annotator> annotatorsOf(Tx tx, String dataset) throws java.sql.SQLException {
        if (dataset == null) return tx.annotators().all();
        List<Annotator> out = new ArrayList<>();
        try (PreparedStatement s = tx.connection().prepareStatement(
                "SELECT annotator_id FROM dataset_annotators WHERE dataset_name = ? ORDER BY annotator_id")) {
            s.setString(1, dataset);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) tx.annotators().find(rs.getString(1)).ifPresent(out::add);
            }
        }
        return out;
    }
}
