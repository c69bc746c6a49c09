package io.rlhf4j.store;

import io.rlhf4j.core.data.Comparison;
import io.rlhf4j.core.data.DatasetEntry;
import io.rlhf4j.core.format.DatasetFormat;
import io.rlhf4j.core.format.DatasetFormatException;
import io.rlhf4j.core.format.DatasetReader;
import io.rlhf4j.core.format.Formats;
import io.rlhf4j.core.testing.SharedFiles;
import io.rlhf4j.store.testing.StoreTestBase;
import io.rlhf4j.store.testing.TableSnapshot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Import, written once and run on H2 ({@link ImporterH2Test}) and PostgreSQL ({@link ImporterPostgresTest}). */
abstract class ImporterTests extends StoreTestBase {
    static final Path HH_TEST = SharedFiles.resolve("data/hh-rlhf-harmless-base-test.jsonl.gz");
    static final int HH_TEST_PAIRS = 2312;

    @Test
    void importsTheRealHhRlhfFileAsExactly2312Comparisons() throws IOException {
        ImportResult result = importHh(HH_TEST, "hh-test");
        System.out.printf("[%s] imported %d pairs in %d ms%n", getClass().getSimpleName(), result.comparisons(), result.took().toMillis());
        assertThat(result.entries()).isEqualTo(HH_TEST_PAIRS);
        assertThat(result.comparisons()).isEqualTo(HH_TEST_PAIRS);
        assertThat(result.counts().newJudgments()).isEqualTo(HH_TEST_PAIRS);
        assertThat(result.dataset().judgmentCount()).isEqualTo(HH_TEST_PAIRS);
        assertThat(result.dataset().contentSha256()).isEqualTo(Importer.sha256(HH_TEST)).hasSize(64);
        assertThat(result.dataset().format()).isEqualTo("hh-rlhf");
        long stored = store.transaction(tx -> {
            try (Stream<Comparison> s = tx.judgments().comparisons("hh-test")) {
                return s.filter(c -> c.outcome() == Comparison.Outcome.PREFERRED).count();
            }
        });
        assertThat(stored).isEqualTo(HH_TEST_PAIRS);
        // every pair keeps both completions, so the completion rows are 2 per distinct prompt-reply pair
        long completions = store.transaction(tx -> tx.completions().count());
        assertThat(completions).isEqualTo(result.dataset().completionCount()).isGreaterThan(HH_TEST_PAIRS);
    }

    @Test
    void reimportingTheSameFileAddsNothing() throws IOException {
        ImportResult first = importHh(HH_TEST, "hh-test");
        Map<String, List<String>> before = TableSnapshot.of(store);
        ImportResult second = importHh(HH_TEST, "hh-test");
        Map<String, List<String>> after = TableSnapshot.of(store);
        assertThat(second.counts().newJudgments()).isZero();
        assertThat(second.counts().presentJudgments()).isEqualTo(HH_TEST_PAIRS);
        assertThat(second.counts().newPrompts() + second.counts().newCompletions()).isZero();
        assertThat(second.summary()).contains("0 new, 2312 already present");
        assertThat(second.dataset().judgmentCount()).isEqualTo(first.dataset().judgmentCount());
        before.remove("datasets"); // only imported_at moves on
        after.remove("datasets");
        assertThat(after).isEqualTo(before);
    }

    @Test
    void aSecondFileAddsToTheStoreUnderItsOwnDataset() throws Exception {
        importHh(fixture("hh-good.jsonl"), "good");
        ImportResult other = importHh(fixture("hh-other.jsonl"), "other");
        assertThat(other.counts().newJudgments()).isEqualTo(1);
        store.inTransaction(tx -> {
            assertThat(tx.judgments().count()).isEqualTo(5);
            assertThat(tx.datasets().all()).extracting(Dataset::name).containsExactly("good", "other");
            assertThat(tx.datasets().find("good").orElseThrow().judgmentCount()).isEqualTo(4);
        });
    }

    @Test
    void twoDifferentFilesWithTheSameNameAreRefusedRatherThanMerged() throws Exception {
        // the hh-rlhf reader derives judgment ids from file name + line; HH-RLHF ships many test.jsonl.gz
        Path a = java.nio.file.Files.createDirectories(tempDir.resolve("harmless")).resolve("test.jsonl");
        Path b = java.nio.file.Files.createDirectories(tempDir.resolve("helpful")).resolve("test.jsonl");
        java.nio.file.Files.copy(fixture("hh-good.jsonl"), a);
        java.nio.file.Files.copy(fixture("hh-other.jsonl"), b);
        importHh(a, "harmless");
        Map<String, List<String>> before = TableSnapshot.of(store);
        assertThatThrownBy(() -> importHh(b, "helpful")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already stored with different content");
        assertThat(TableSnapshot.of(store)).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0} fails naming line {1} and changes nothing")
    @CsvSource({
            "hh-broken-json-line3.jsonl, 3, ",
            "hh-missing-rejected-line2.jsonl, 2, rejected",
            "hh-no-assistant-line3.jsonl, 3, chosen",
            "hh-bad-last-line5.jsonl, 5, "})
    void aMalformedFileFailsNamingTheLineAndLeavesTheStoreAsItWas(String file, long line, String field) throws Exception {
        importHh(fixture("hh-other.jsonl"), "before"); // the store is not empty: nothing of it may change either
        Map<String, List<String>> before = TableSnapshot.of(store);
        DatasetFormatException e = catchThrowableOfType(DatasetFormatException.class,
                () -> importHh(fixture(file), "bad"));
        assertThat(e).as("import of " + file).isNotNull();
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.getMessage()).contains(file + ":" + line + ":");
        if (field != null) assertThat(e.field()).isEqualTo(field);
        assertThat(TableSnapshot.of(store)).isEqualTo(before);
    }

    @Test
    void aCrashMidImportLeavesNothingBehind() throws Exception {
        Map<String, List<String>> before = TableSnapshot.of(store);
        // 1,200 entries means two batches of 500 were already written inside the transaction
        try (DatasetReader real = Formats.open(DatasetFormat.HH_RLHF, HH_TEST)) {
            DatasetReader crashing = new CrashingReader(real, 1200);
            assertThatThrownBy(() -> new Importer(store).importFrom(crashing, new Importer.Source("crash", "hh-rlhf", HH_TEST)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("simulated crash after 1200");
        }
        assertThat(TableSnapshot.of(store)).isEqualTo(before);
        assertThat(TableSnapshot.counts(before).values()).allMatch(n -> n == 0);
    }

    @Test
    void repeatedLinesAreReportedAndNotCountedAsMoreJudgments(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        // 5 distinct pairs in 13 lines: the judgment count must be 5, and the repeats named
        List<String> distinct = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            distinct.add("{\"chosen\": \"\\n\\nHuman: q" + i + "\\n\\nAssistant: yes\", \"rejected\": \"\\n\\nHuman: q" + i
                    + "\\n\\nAssistant: no\"}");
        }
        List<String> lines = new java.util.ArrayList<>(distinct);
        for (int i = 0; i < 8; i++) lines.add(distinct.get(i % 5));
        Path file = dir.resolve("repeats.jsonl");
        java.nio.file.Files.write(file, lines);
        ImportResult result = importHh(file, "repeats");
        assertThat(result.dataset().judgmentCount()).isEqualTo(5);
        assertThat(result.comparisons()).isEqualTo(5);
        assertThat(result.duplicates().count()).isEqualTo(8);
        assertThat(result.summary()).contains("8 duplicate lines skipped (line 6 = line 1, line 7 = line 2");

        // kept on request: each repeated line is a judgment of its own
        try (DatasetReader reader = Formats.open(DatasetFormat.HH_RLHF, file,
                io.rlhf4j.core.format.FormatOptions.builder().keepDuplicates(true).build())) {
            ImportResult kept = new Importer(store).importFrom(reader, new Importer.Source("kept", "hh-rlhf", file));
            assertThat(kept.dataset().judgmentCount()).isEqualTo(13);
            assertThat(kept.duplicates().count()).isZero();
        }
    }

    @Test
    void anEmptyFileIsAnErrorAndCreatesNoDataset(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Map<String, List<String>> before = TableSnapshot.of(store);
        Path empty = dir.resolve("empty.jsonl");
        java.nio.file.Files.writeString(empty, "");
        Path blank = dir.resolve("blank.jsonl");
        java.nio.file.Files.writeString(blank, "\n  \n\n");
        assertThatThrownBy(() -> importHh(empty, "empty")).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("empty.jsonl").hasMessageContaining("no records: the file is empty");
        assertThatThrownBy(() -> importHh(blank, "blank")).hasMessageContaining("blank.jsonl: no records: its 3 lines are all blank");
        assertThat(TableSnapshot.of(store)).isEqualTo(before);
    }

    ImportResult importHh(Path file, String dataset) throws IOException {
        try (DatasetReader reader = Formats.open(DatasetFormat.HH_RLHF, file)) {
            return new Importer(store).importFrom(reader, new Importer.Source(dataset, "hh-rlhf", file));
        }
    }

    static Path fixture(String name) throws URISyntaxException {
        return Path.of(ImporterTests.class.getResource("/fixtures/" + name).toURI());
    }

    /** A reader that dies with a RuntimeException after {@code limit} entries: a crash mid-import. */
    private record CrashingReader(DatasetReader delegate, int limit, int[] read) implements DatasetReader {
        CrashingReader(DatasetReader delegate, int limit) {
            this(delegate, limit, new int[1]);
        }

        @Override
        public DatasetEntry next() throws IOException {
            if (read[0]++ == limit) throw new IllegalStateException("simulated crash after " + limit + " entries");
            return delegate.next();
        }

        @Override
        public long line() {
            return delegate.line();
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }
}
