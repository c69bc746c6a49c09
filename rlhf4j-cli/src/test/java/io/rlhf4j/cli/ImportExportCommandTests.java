package io.rlhf4j.cli;

import io.rlhf4j.core.data.Comparison;
import io.rlhf4j.core.data.DatasetEntry;
import io.rlhf4j.core.data.DatasetItem;
import io.rlhf4j.core.format.DatasetFormat;
import io.rlhf4j.core.format.DatasetReader;
import io.rlhf4j.core.format.Formats;
import io.rlhf4j.store.Store;
import io.rlhf4j.store.StoredItems;
import io.rlhf4j.store.testing.HhRlhfTestFile;
import io.rlhf4j.store.testing.StoreTestBase;
import io.rlhf4j.store.testing.TableSnapshot;
import io.rlhf4j.store.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rlhf4j import} and {@code rlhf4j export} end to end through picocli, written once and run
 * on H2 ({@link ImportExportCommandH2Test}) and PostgreSQL ({@link ImportExportCommandPostgresTest}).
 */
abstract class ImportExportCommandTests extends StoreTestBase {
    static final String DATASET = "hh-rlhf-harmless-base-test";

    record Run(int exit, String out, String err) {}

    @Test
    void hhRlhfToStoreToTrlToAFreshStoreKeepsAll2312PairsByteForByte() throws Exception {
        Path hh = HhRlhfTestFile.path();
        Run imported = run("import", "--format", "hh-rlhf", hh.toString(), "--db", database.url());
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("imported 2312 comparisons").contains("into dataset " + DATASET)
                .contains("2312 new, 0 already present");

        Path trl = tempDir.resolve("pairs.jsonl");
        Run exported = run("export", "--format", "trl", "--out", trl.toString(), "--dataset", DATASET, "--db", database.url());
        assertThat(exported.exit()).as(exported.err()).isZero();
        assertThat(exported.out()).contains("as 2312 trl records");
        assertThat(Files.readAllLines(trl)).hasSize(HhRlhfTestFile.PAIRS);

        try (TestDatabase fresh = anotherDatabase()) {
            Run reimported = run("import", "--format", "trl", trl.toString(), "--db", fresh.url());
            assertThat(reimported.exit()).as(reimported.err()).isZero();
            assertThat(reimported.out()).contains("imported 2312 comparisons");
            List<String> original = pairsInFile(DatasetFormat.HH_RLHF, hh);
            assertThat(original).hasSize(HhRlhfTestFile.PAIRS);
            assertThat(pairsInStore(store)).isEqualTo(original);
            try (Store second = fresh.open()) {
                assertThat(pairsInStore(second)).isEqualTo(original);
            }
        }
    }

    @Test
    void exportingAsHhRlhfGivesBackTheOriginalFileLineForLine() throws Exception {
        Path hh = HhRlhfTestFile.path();
        assertThat(run("import", "--format", "hh-rlhf", hh.toString(), "--db", database.url()).exit()).isZero();
        Path out = tempDir.resolve("again.jsonl");
        Run exported = run("export", "--format", "hh-rlhf", "--out", out.toString(), "--dataset", DATASET, "--db", database.url());
        assertThat(exported.exit()).as(exported.err()).isZero();
        List<String> originalLines;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(hh))) {
            originalLines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().sorted().toList();
        }
        assertThat(Files.readAllLines(out).stream().sorted().toList()).isEqualTo(originalLines);
    }

    @Test
    void aBadLineExitsNonZeroNamingTheLineAndTheStoreStaysAsItWas() throws Exception {
        Path good = tempDir.resolve("good.jsonl");
        Files.writeString(good, """
                {"chosen": "\\n\\nHuman: Hi\\n\\nAssistant: Hello", "rejected": "\\n\\nHuman: Hi\\n\\nAssistant: Go away"}
                """);
        assertThat(run("import", "--format", "hh-rlhf", good.toString(), "--db", database.url()).exit()).isZero();
        Map<String, List<String>> before = TableSnapshot.of(store);
        Path bad = tempDir.resolve("bad.jsonl");
        Files.writeString(bad, """
                {"chosen": "\\n\\nHuman: A\\n\\nAssistant: B", "rejected": "\\n\\nHuman: A\\n\\nAssistant: C"}
                {"chosen": "\\n\\nHuman: D\\n\\nAssistant: E", "rejected": "\\n\\nHuman: D\\n\\nAssistant: F"}
                {"chosen": "\\n\\nHuman: G\\n\\nAssistant: H"}
                """);
        Run failed = run("import", "--format", "hh-rlhf", bad.toString(), "--db", database.url());
        assertThat(failed.exit()).isEqualTo(2);
        assertThat(failed.err()).contains("bad.jsonl:3:").contains("rejected");
        assertThat(TableSnapshot.of(store)).isEqualTo(before);
    }

    @Test
    void reimportingThroughTheCliReportsEverythingAlreadyPresent() throws Exception {
        Path good = tempDir.resolve("two.jsonl");
        Files.writeString(good, """
                {"chosen": "\\n\\nHuman: A\\n\\nAssistant: B", "rejected": "\\n\\nHuman: A\\n\\nAssistant: C"}
                {"chosen": "\\n\\nHuman: D\\n\\nAssistant: E", "rejected": "\\n\\nHuman: D\\n\\nAssistant: F"}
                """);
        assertThat(run("import", "--format", "hh-rlhf", good.toString(), "--db", database.url()).out()).contains("2 new, 0 already present");
        Run again = run("import", "--format", "hh-rlhf", good.toString(), "--db", database.url());
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("imported 2 comparisons (2 prompts, 4 completions, 2 judgments)")
                .contains("0 new, 2 already present");
    }

    @Test
    void anUnknownDatabaseUrlOrFormatIsAClearError() {
        Run url = run("export", "--format", "trl", "--out", tempDir.resolve("x.jsonl").toString(), "--db", "jdbc:sqlite:x.db");
        assertThat(url.exit()).isEqualTo(2);
        assertThat(url.err()).contains("unsupported database URL 'jdbc:sqlite:x.db'").contains("jdbc:postgresql://");
        Run format = run("export", "--format", "csv", "--out", tempDir.resolve("y.jsonl").toString(), "--db", database.url());
        assertThat(format.exit()).isEqualTo(2);
        assertThat(format.err()).contains("unknown dataset format 'csv'");
        assertThat(tempDir.resolve("y.jsonl")).doesNotExist();
    }

    static Run run(String... args) {
        CommandLine cli = Rlhf4j.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** Every preferred pair as "prompt turns | chosen | rejected" text, sorted: equal lists mean byte-identical pairs. */
    static List<String> pairsInFile(DatasetFormat format, Path file) throws IOException {
        List<String> pairs = new ArrayList<>();
        try (DatasetReader reader = Formats.open(format, file)) {
            DatasetEntry e;
            while ((e = reader.next()) != null) {
                if (e instanceof DatasetItem item) addPairs(item, pairs);
            }
        }
        pairs.sort(null);
        return pairs;
    }

    static List<String> pairsInStore(Store store) {
        List<String> pairs = new ArrayList<>();
        store.inTransaction(tx -> StoredItems.forEach(tx, null, Set.of(), item -> addPairs(item, pairs)));
        pairs.sort(null);
        return pairs;
    }

    private static void addPairs(DatasetItem item, List<String> pairs) {
        StringBuilder prompt = new StringBuilder();
        item.prompt().conversation().turns().forEach(t -> prompt.append(t.role()).append('\u0002').append(t.content()).append('\u0003'));
        for (Comparison c : item.comparisons()) {
            pairs.add(prompt + "\u0001" + item.completion(c.chosenId()).text() + "\u0001" + item.completion(c.rejectedId()).text());
        }
    }

}
