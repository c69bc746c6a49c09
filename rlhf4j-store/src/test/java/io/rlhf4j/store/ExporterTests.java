package io.rlhf4j.store;

import io.rlhf4j.core.data.DatasetEntry;
import io.rlhf4j.core.data.DatasetItem;
import io.rlhf4j.core.format.DatasetFormat;
import io.rlhf4j.core.format.DatasetReader;
import io.rlhf4j.core.format.DatasetWriter;
import io.rlhf4j.core.format.Formats;
import io.rlhf4j.store.testing.ListReader;
import io.rlhf4j.store.testing.SampleData;
import io.rlhf4j.store.testing.StoreTestBase;
import io.rlhf4j.store.testing.TableSnapshot;
import io.rlhf4j.store.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Export, written once and run on H2 ({@link ExporterH2Test}) and PostgreSQL ({@link ExporterPostgresTest}). */
abstract class ExporterTests extends StoreTestBase {
    static final List<DatasetEntry> ENTRIES = List.of(SampleData.annotator("ann-1"), SampleData.annotator("ann-2"),
            SampleData.itemWithEveryKind(1, "ann-1"), SampleData.itemWithEveryKind(2, "ann-2"));

    @Test
    void exportingToTheNativeFormatAndImportingElsewhereRebuildsEveryRow() throws IOException {
        new Importer(store).importFrom(new ListReader(ENTRIES), new Importer.Source("every-kind", "rlhf4j", null));
        Path file = tempDir.resolve("every-kind.jsonl");
        Exporter.ExportResult result;
        try (DatasetWriter writer = Formats.create(DatasetFormat.NATIVE, file)) {
            result = new Exporter(store).exportTo(writer, new Exporter.Selection("every-kind", Set.of(), true));
        }
        assertThat(result.items()).isEqualTo(2);
        assertThat(result.annotators()).isEqualTo(2);
        try (TestDatabase other = anotherDatabase(); Store copy = other.open();
             DatasetReader reader = Formats.open(DatasetFormat.NATIVE, file)) {
            new Importer(copy).importFrom(reader, new Importer.Source("every-kind", "rlhf4j", file));
            Map<String, List<String>> original = TableSnapshot.of(store);
            Map<String, List<String>> rebuilt = TableSnapshot.of(copy);
            original.remove("datasets"); // source path, sha256 and time differ by design
            rebuilt.remove("datasets");
            assertThat(rebuilt).isEqualTo(original);
        }
    }

    @Test
    void aKindFilterKeepsOnlyThoseJudgmentsAndDropsItemsLeftWithNone() throws IOException {
        DatasetItem pairOnly = SampleData.pair(7, "ann-3");
        List<DatasetEntry> entries = new ArrayList<>(ENTRIES);
        entries.add(pairOnly);
        new Importer(store).importFrom(new ListReader(entries), new Importer.Source("mixed", "rlhf4j", null));
        List<DatasetItem> written = new ArrayList<>();
        new Exporter(store).exportTo(collecting(written), new Exporter.Selection("mixed", Set.of("rating", "safety_flag"), false));
        assertThat(written).hasSize(2); // the pair-only item has no rating or flag
        assertThat(written).flatExtracting(DatasetItem::judgments).extracting(j -> j.kind())
                .containsExactlyInAnyOrder("rating", "safety_flag", "rating", "safety_flag");
    }

    @Test
    void aDatasetFilterExportsOnlyThatDatasetInFileOrder() throws IOException {
        new Importer(store).importFrom(new ListReader(List.of(SampleData.pair(3, "a"), SampleData.pair(1, "a"))),
                new Importer.Source("first", "rlhf4j", null));
        new Importer(store).importFrom(new ListReader(List.of(SampleData.pair(2, "a"), SampleData.pair(3, "a"))),
                new Importer.Source("second", "rlhf4j", null));
        List<DatasetItem> first = new ArrayList<>();
        new Exporter(store).exportTo(collecting(first), new Exporter.Selection("first", Set.of(), false));
        assertThat(first).extracting(i -> i.prompt().conversation().last().content()).containsExactly("question 3", "question 1");
        List<DatasetItem> all = new ArrayList<>();
        new Exporter(store).exportTo(collecting(all), Exporter.Selection.all());
        assertThat(all).hasSize(3); // pair 3 is shared, stored once
        assertThatThrownBy(() -> new Exporter(store).exportTo(collecting(new ArrayList<>()),
                new Exporter.Selection("missing", Set.of(), false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no dataset named 'missing'");
    }

    private static DatasetWriter collecting(List<DatasetItem> into) {
        return new DatasetWriter() {
            @Override
            public void write(DatasetEntry entry) {
                if (entry instanceof DatasetItem item) into.add(item);
            }

            @Override
            public long written() {
                return into.size();
            }

            @Override
            public void close() {}
        };
    }
}
