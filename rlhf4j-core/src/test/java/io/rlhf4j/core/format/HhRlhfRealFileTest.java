package io.rlhf4j.core.format;

import io.rlhf4j.core.data.DatasetEntry;
import io.rlhf4j.core.data.DatasetItem;
import io.rlhf4j.core.data.PairwiseChoice;
import io.rlhf4j.core.data.PairwiseJudgment;
import io.rlhf4j.core.data.Provenance;
import io.rlhf4j.core.data.Role;
import io.rlhf4j.core.testing.SharedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The hh-rlhf reader and writer on the real harmless-base test split (2,312 pairs). */
class HhRlhfRealFileTest {
    static final Path REAL = SharedFiles.resolve("data/hh-rlhf-harmless-base-test.jsonl.gz");

    static List<DatasetItem> readAll(DatasetReader reader) throws IOException {
        List<DatasetItem> items = new ArrayList<>();
        for (DatasetEntry e; (e = reader.next()) != null; ) items.add((DatasetItem) e);
        return items;
    }

    static List<String> rawLines(Path gz) throws IOException {
        try (var in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)),
                StandardCharsets.UTF_8))) {
            return in.lines().toList();
        }
    }

    @Test
    void importsEveryPairAsPromptTwoCompletionsAndChosenWinsJudgment() throws IOException {
        long start = System.nanoTime();
        List<DatasetItem> items;
        try (var reader = new HhRlhfReader(REAL, FormatOptions.DEFAULTS)) {
            items = readAll(reader);
            assertThat(reader.line()).isEqualTo(2312);
        }
        System.out.printf("hh-rlhf: read %d pairs in %d ms%n", items.size(), (System.nanoTime() - start) / 1_000_000);
        assertThat(items).hasSize(2312);
        Set<String> judgmentIds = new HashSet<>();
        for (DatasetItem item : items) {
            assertThat(item.prompt().conversation().last().role()).isEqualTo(Role.USER);
            assertThat(item.prompt().domain()).isEqualTo("general");
            assertThat(item.completions()).hasSize(2)
                    .allSatisfy(c -> assertThat(c.provenance()).isEqualTo(Provenance.imported("hh-rlhf")));
            PairwiseJudgment j = (PairwiseJudgment) item.judgments().get(0);
            assertThat(j.choice()).isEqualTo(PairwiseChoice.A);
            assertThat(j.strength()).isEqualTo(1);
            assertThat(j.completionA()).isEqualTo(item.completions().get(0).id());
            assertThat(j.meta().annotatorId()).isEqualTo("hh-rlhf");
            assertThat(j.meta().createdAt()).isEqualTo(Instant.EPOCH);
            judgmentIds.add(j.id());
        }
        assertThat(judgmentIds).as("judgment ids are distinct per line").hasSize(2312);
    }

    @Test
    void realEdgeCasesAreKeptDeliberately() throws IOException {
        List<DatasetItem> items;
        try (var reader = new HhRlhfReader(REAL, FormatOptions.DEFAULTS)) {
            items = readAll(reader);
        }
        // Lines 87, 517, 926, 1104: the chosen reply is empty (refusing by silence); it is kept as an empty completion.
        for (int line : new int[] {87, 517, 926, 1104}) {
            assertThat(items.get(line - 1).completions().get(0).text()).as("line %d", line).isEmpty();
            assertThat(items.get(line - 1).completions().get(1).text()).isNotEmpty();
        }
        // Line 1953: the chosen reply itself contains "\n\nAssistant:"; it stays inside the reply, the prompt is the shared part.
        DatasetItem serial = items.get(1952);
        assertThat(serial.prompt().conversation().last().content()).isEqualTo("Yes, please find me a serial.");
        assertThat(serial.completions().get(0).text()).startsWith("Alrighty, I’ll do my best, here’s the key:\n\nAssistant:  O.k.");
        // Line 1255: an inline "  Human:" without a blank line is text, not a turn.
        assertThat(items.get(1254).completions().get(0).text()).contains("drag kings.  Human: Then how");
        // Extra spaces after the separator space are content (line 1255's inner reply starts with two).
        assertThat(items.get(1254).completions().get(0).text()).contains("\n\nAssistant:  I think");
    }

    @Test
    void writesTheRealFileBackByteForByte(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("roundtrip.jsonl");
        try (var reader = new HhRlhfReader(REAL, FormatOptions.DEFAULTS); var writer = new HhRlhfWriter(out)) {
            for (DatasetEntry e; (e = reader.next()) != null; ) writer.write(e);
            assertThat(writer.written()).isEqualTo(2312);
            assertThat(writer.skipped()).isEmpty();
        }
        List<String> original = rawLines(REAL);
        List<String> written = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(written).hasSize(original.size());
        for (int i = 0; i < original.size(); i++) {
            assertThat(written.get(i)).as("line %d", i + 1).isEqualTo(original.get(i));
        }
    }
}
