package io.rlhf4j.core.format;

import io.rlhf4j.core.data.DatasetEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Bad input fails with DatasetFormatException naming file, 1-based line and field, after the good lines were read. */
class FormatErrorsTest {
    @TempDir
    Path dir;

    static final String GOOD_HH = "{\"chosen\": \"\\n\\nHuman: hi\\n\\nAssistant: hello\", \"rejected\": \"\\n\\nHuman: hi\\n\\nAssistant: go away\"}";
    static final String GOOD_TRL = "{\"prompt\": \"p\", \"chosen\": \"a\", \"rejected\": \"b\"}";

    /** Reads a file whose last line is bad: the lines before it must succeed, the bad one must fail. */
    private DatasetFormatException failure(DatasetFormat format, String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        try (DatasetReader reader = Formats.open(format, file)) {
            for (int i = 1; i < lines.length; i++) {
                if (lines[i - 1].isBlank()) continue; // blank lines are skipped, not entries
                DatasetEntry ok = reader.next();
                assertThat(ok).as("line %d reads", i).isNotNull();
            }
            DatasetFormatException e = catchThrowableOfType(DatasetFormatException.class, reader::next);
            assertThat(e).as("line %d must fail", lines.length).isNotNull();
            assertThat(e.file()).isEqualTo(file);
            assertThat(e.getMessage()).startsWith(file + ":" + e.line() + ": ");
            return e;
        }
    }

    private static void assertWhere(DatasetFormatException e, long line, String field, String problemPart) {
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage()).contains(":" + line + ": ").contains(problemPart);
        if (field != null) assertThat(e.getMessage()).contains("field \"" + field + "\"");
    }

    @Test
    void brokenJsonNamesItsLine() throws IOException {
        var e = failure(DatasetFormat.HH_RLHF, "broken.jsonl", GOOD_HH, "", "{\"chosen\": \"\\n\\nHuman: x");
        assertWhere(e, 3, null, "broken JSON");
    }

    @Test
    void aLineThatIsNotAnObjectIsAnError() throws IOException {
        assertWhere(failure(DatasetFormat.TRL, "array.jsonl", GOOD_TRL, "[1, 2]"), 2, null, "expected a JSON object");
    }

    @Test
    void missingAndWronglyTypedFields() throws IOException {
        assertWhere(failure(DatasetFormat.HH_RLHF, "missing.jsonl", GOOD_HH, "{\"chosen\": \"\\n\\nHuman: a\\n\\nAssistant: b\"}"),
                2, "rejected", "missing");
        assertWhere(failure(DatasetFormat.HH_RLHF, "type.jsonl", GOOD_HH, GOOD_HH.replace("hello", "hey"), "{\"chosen\": 7, \"rejected\": \"x\"}"),
                3, "chosen", "expected a string, found number");
        assertWhere(failure(DatasetFormat.TRL, "trltype.jsonl", GOOD_TRL,
                "{\"prompt\": [{\"role\": \"user\", \"content\": \"q\"}], \"chosen\": [{\"role\": \"assistant\", \"content\": 5}], \"rejected\": []}"),
                2, "chosen[0].content", "expected a string");
        assertWhere(failure(DatasetFormat.TRL, "role.jsonl", "{\"messages\": [{\"role\": \"robot\", \"content\": \"q\"}]}"),
                1, "messages[0].role", "unknown role 'robot'");
        assertWhere(failure(DatasetFormat.TRL, "nothing.jsonl", GOOD_TRL, "{\"foo\": 1}"), 2, "chosen", "missing");
    }

    @Test
    void transcriptsWithoutAFinalAssistantTurnAreErrors() throws IOException {
        assertWhere(failure(DatasetFormat.HH_RLHF, "noassistant.jsonl", GOOD_HH,
                "{\"chosen\": \"\\n\\nHuman: only me\", \"rejected\": \"\\n\\nHuman: only me too\"}"),
                2, "chosen", "no assistant turn");
        assertWhere(failure(DatasetFormat.HH_RLHF, "endshuman.jsonl",
                "{\"chosen\": \"\\n\\nHuman: a\\n\\nAssistant: b\", \"rejected\": \"\\n\\nHuman: a\\n\\nAssistant: c\\n\\nHuman: more?\"}"),
                1, "rejected", "must end with an assistant turn");
        assertWhere(failure(DatasetFormat.HH_RLHF, "nohuman.jsonl", "{\"chosen\": \"Assistant: a\", \"rejected\": \"Assistant: b\"}"),
                1, "chosen", "must start with");
        assertWhere(failure(DatasetFormat.HH_RLHF, "same.jsonl", GOOD_HH, "{\"chosen\": \"\\n\\nHuman: a\\n\\nAssistant: b\", \"rejected\": \"\\n\\nHuman: a\\n\\nAssistant: b\"}"),
                2, "rejected", "identical to chosen");
        assertWhere(failure(DatasetFormat.TRL, "sft.jsonl", "{\"messages\": [{\"role\": \"user\", \"content\": \"q\"}, {\"role\": \"user\", \"content\": \"q2\"}]}"),
                1, "messages", "last message must be the assistant's");
    }

    @Test
    void recordValidationErrorsKeepTheirMessageAndGainWhere() throws IOException {
        // the data model refuses a TRL prompt that ends with an assistant turn
        var e = failure(DatasetFormat.TRL, "prompt.jsonl", GOOD_TRL,
                "{\"prompt\": [{\"role\": \"assistant\", \"content\": \"q\"}], \"completion\": [{\"role\": \"assistant\", \"content\": \"a\"}]}");
        assertWhere(e, 2, "completion", "conversation must end with a user turn, ends with assistant");
        assertThat(e.getCause()).isInstanceOf(IllegalArgumentException.class);
        // a blank demonstration
        assertWhere(failure(DatasetFormat.TRL, "blank.jsonl", "{\"prompt\": \"q\", \"completion\": \"  \"}"),
                1, "completion", "text is blank");
        // native: strength out of range for a pairwise judgment
        String item = "{\"format\":\"rlhf4j/1\",\"type\":\"item\",\"prompt\":{\"id\":\"p1\",\"domain\":\"general\",\"conversation\":[{\"role\":\"user\",\"content\":\"q\"}]},"
                + "\"completions\":[{\"id\":\"c1\",\"text\":\"a\",\"provenance\":{\"source\":\"imported\",\"model\":\"x\"}},"
                + "{\"id\":\"c2\",\"text\":\"b\",\"provenance\":{\"source\":\"imported\",\"model\":\"x\"}}],"
                + "\"judgments\":[{\"kind\":\"pairwise\",\"id\":\"j1\",\"completion_a\":\"c1\",\"completion_b\":\"c2\",\"choice\":\"a\",\"strength\":%s,"
                + "\"meta\":{\"annotator_id\":\"ann\",\"created_at\":\"%s\"}}]}";
        assertWhere(failure(DatasetFormat.NATIVE, "native.jsonl", item.formatted("2", "2026-01-01T00:00:00Z"),
                item.formatted("5", "2026-01-01T00:00:00Z")), 2, "judgments[0]", "strength must be in [1, 3], was 5");
        assertWhere(failure(DatasetFormat.NATIVE, "date.jsonl", item.formatted("1", "yesterday")),
                1, "judgments[0].meta.created_at", "not an ISO-8601 instant");
        assertWhere(failure(DatasetFormat.NATIVE, "ref.jsonl", item.formatted("1", "2026-01-01T00:00:00Z").replace("\"completion_b\":\"c2\"", "\"completion_b\":\"c9\"")),
                1, "judgments", "refers to unknown completion c9");
    }

    @Test
    void nativeVersionTypeAndEnumsAreChecked() throws IOException {
        String annotator = "{\"format\":\"%s\",\"type\":\"%s\",\"id\":\"a1\",\"expertise\":{\"math\":\"%s\"}}";
        assertWhere(failure(DatasetFormat.NATIVE, "v.jsonl", annotator.formatted("rlhf4j/1", "annotator", "expert"),
                annotator.formatted("rlhf4j/2", "annotator", "expert")), 2, "format", "unsupported version 'rlhf4j/2'");
        assertWhere(failure(DatasetFormat.NATIVE, "t.jsonl", annotator.formatted("rlhf4j/1", "robot", "expert")),
                1, "type", "unknown type 'robot'");
        assertWhere(failure(DatasetFormat.NATIVE, "e.jsonl", annotator.formatted("rlhf4j/1", "annotator", "guru")),
                1, "expertise.math", "unknown value 'guru' (expected one of [novice, generalist, expert])");
        assertWhere(failure(DatasetFormat.NATIVE, "nover.jsonl", "{\"type\":\"annotator\",\"id\":\"a\"}"), 1, "format", "missing");
    }

    @Test
    void invalidUtf8IsReportedNotReplaced() throws IOException {
        Path file = dir.resolve("latin1.jsonl");
        byte[] good = (GOOD_TRL + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] bad = "{\"prompt\": \"caf\u00e9\", \"chosen\": \"a\", \"rejected\": \"b\"}\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[good.length + bad.length];
        System.arraycopy(good, 0, all, 0, good.length);
        System.arraycopy(bad, 0, all, good.length, bad.length);
        Files.write(file, all);
        try (DatasetReader reader = Formats.open(DatasetFormat.TRL, file)) {
            assertThat(reader.next()).isNotNull();
            assertThatThrownBy(reader::next).isInstanceOf(DatasetFormatException.class)
                    .hasMessageContaining(":2: ").hasMessageContaining("not valid UTF-8");
        }
    }

    @Test
    void aUtf8ByteOrderMarkBeforeTheFirstLineIsAccepted() throws IOException {
        Path file = dir.resolve("bom.jsonl");
        Files.writeString(file, "\uFEFF" + GOOD_TRL + "\n" + GOOD_TRL.replace("\"a\"", "\"c\"") + "\n", StandardCharsets.UTF_8);
        try (DatasetReader reader = Formats.open(DatasetFormat.TRL, file)) {
            assertThat(reader.next()).isNotNull();
            assertThat(reader.next()).isNotNull();
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void aTruncatedGzipNamesTheFileAndTheLine() throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (var gz = new java.util.zip.GZIPOutputStream(bytes)) {
            for (int i = 0; i < 200; i++) gz.write((GOOD_TRL.replace("\"a\"", "\"a" + i + "\"") + "\n").getBytes(StandardCharsets.UTF_8));
        }
        byte[] whole = bytes.toByteArray();
        Path file = dir.resolve("cut.jsonl.gz");
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length / 2));
        try (DatasetReader reader = Formats.open(DatasetFormat.TRL, file)) {
            DatasetFormatException e = catchThrowableOfType(DatasetFormatException.class, () -> {
                while (reader.next() != null) { }
            });
            assertThat(e).isNotNull();
            assertThat(e.getMessage()).startsWith(file + ":" + e.line() + ": ").contains("gzip data is truncated");
            assertThat(e.line()).isGreaterThan(1);
        }
        Path notGzip = dir.resolve("plain.jsonl.gz");
        Files.writeString(notGzip, GOOD_TRL + "\n");
        assertThatThrownBy(() -> Formats.open(DatasetFormat.TRL, notGzip)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("plain.jsonl.gz").hasMessageContaining("not a gzip file");
    }

    @Test
    void aDirectoryOrAMissingFileIsNamedAsSuch() {
        assertThatThrownBy(() -> Formats.open(DatasetFormat.HH_RLHF, dir)).hasMessage(dir + ": is a directory, not a dataset file");
        Path missing = dir.resolve("nope.jsonl");
        assertThatThrownBy(() -> Formats.open(DatasetFormat.HH_RLHF, missing)).hasMessage(missing + ": no such file");
    }

    @Test
    void repeatedLinesAreSkippedAndCountedUnlessKept() throws IOException {
        Path file = dir.resolve("dup.jsonl");
        String other = GOOD_TRL.replace("\"a\"", "\"c\"");
        // the same JSON with other spacing is the same line
        Files.writeString(file, String.join("\n", GOOD_TRL, other, GOOD_TRL.replace(": ", ":"), other, other) + "\n");
        try (DatasetReader reader = Formats.open(DatasetFormat.TRL, file)) {
            assertThat(reader.next()).isNotNull();
            assertThat(reader.next()).isNotNull();
            assertThat(reader.next()).isNull();
            assertThat(reader.duplicates().count()).isEqualTo(3);
            assertThat(reader.duplicates().describe()).isEqualTo("3 duplicate lines skipped (line 3 = line 1, line 4 = line 2, line 5 = line 2)");
        }
        try (DatasetReader reader = Formats.open(DatasetFormat.TRL, file, FormatOptions.builder().keepDuplicates(true).build())) {
            int n = 0;
            while (reader.next() != null) n++;
            assertThat(n).isEqualTo(5);
        }
    }
}
