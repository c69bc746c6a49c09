package io.rlhf4j.core.format;

import io.rlhf4j.core.data.Annotator;
import io.rlhf4j.core.data.Completion;
import io.rlhf4j.core.data.Conversation;
import io.rlhf4j.core.data.DatasetEntry;
import io.rlhf4j.core.data.DatasetItem;
import io.rlhf4j.core.data.Demonstration;
import io.rlhf4j.core.data.ExpertiseLevel;
import io.rlhf4j.core.data.JudgmentMeta;
import io.rlhf4j.core.data.PairwiseChoice;
import io.rlhf4j.core.data.PairwiseJudgment;
import io.rlhf4j.core.data.PolicyCategory;
import io.rlhf4j.core.data.Prompt;
import io.rlhf4j.core.data.Provenance;
import io.rlhf4j.core.data.RankingJudgment;
import io.rlhf4j.core.data.RatingJudgment;
import io.rlhf4j.core.data.RubricDimension;
import io.rlhf4j.core.data.SafetyFlag;
import io.rlhf4j.core.data.SamplingSettings;
import io.rlhf4j.core.data.Severity;
import io.rlhf4j.core.data.Turn;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The native format keeps every field of every record: write then read gives equal records. */
class NativeRoundTripTest {

    /** Every judgment kind with every optional field set, awkward values included (nanoseconds, unicode, "\n\nHuman:"). */
    static DatasetItem everythingSet() {
        Prompt prompt = Prompt.of(Conversation.of(Turn.system("You are careful.\n"), Turn.user("Hi \"there\" ünïcödé 🙂"),
                Turn.assistant("  Hello.\n\nHuman: not a turn"), Turn.user("")), "chemistry");
        Completion model = Completion.of(prompt.id(), "A reply\twith\u0001control",
                Provenance.model("stories260K", "ckpt-0042", new SamplingSettings(0.7, 40, 0.95, 256, -9_007_199_254_740_993L)));
        Completion human = Completion.of(prompt.id(), "", Provenance.human("ann-7"));
        Completion imported = Completion.of(prompt.id(), "imported", Provenance.imported("hh-rlhf"));
        Completion partial = Completion.of(prompt.id(), "partial",
                new Provenance(Provenance.Source.MODEL, "m", null, new SamplingSettings(0.1, null, null, null, 3L)));
        JudgmentMeta full = new JudgmentMeta("ann-7", Instant.parse("2026-11-22T10:50:01.123456789Z"), "v2.1",
                Duration.ofSeconds(12, 345_678_901), "because\nreasons");
        JudgmentMeta plainMs = new JudgmentMeta("ann-8", Instant.parse("2026-01-01T00:00:00Z"), "v1", Duration.ofMillis(1500), "x");
        return new DatasetItem(prompt, List.of(model, human, imported, partial), List.of(
                new PairwiseJudgment("j-pair", prompt.id(), model.id(), human.id(), PairwiseChoice.B, 3, full),
                new PairwiseJudgment("j-tie", prompt.id(), model.id(), imported.id(), PairwiseChoice.TIE, 0, plainMs),
                new PairwiseJudgment("j-bad", prompt.id(), human.id(), imported.id(), PairwiseChoice.BOTH_BAD, 0, full),
                new RankingJudgment("j-rank", prompt.id(), List.of(List.of(imported.id()), List.of(model.id(), partial.id()),
                        List.of(human.id())), full),
                new RatingJudgment("j-rate", prompt.id(), model.id(), Map.of(RubricDimension.HELPFULNESS, 7,
                        RubricDimension.VERBOSITY, 4, RubricDimension.INSTRUCTION_FOLLOWING, 1), 7, full),
                new SafetyFlag("j-flag", prompt.id(), human.id(), PolicyCategory.DANGEROUS_ADVICE, Severity.CRITICAL, full),
                new Demonstration("j-demo", prompt.id(), "An edited, better answer.", model.id(), full)));
    }

    /** The same kinds with every optional field left unset (defaults applied by the records). */
    static DatasetItem everythingUnset() {
        Prompt prompt = Prompt.of(Conversation.ofUser("Plain"), null);
        Completion a = Completion.of(prompt.id(), "a", Provenance.imported("x"));
        Completion b = Completion.of(prompt.id(), "b", new Provenance(Provenance.Source.MODEL, "m", null, null));
        JudgmentMeta meta = JudgmentMeta.of("ann", Instant.EPOCH);
        return new DatasetItem(prompt, List.of(a, b), List.of(
                new PairwiseJudgment("p", prompt.id(), a.id(), b.id(), PairwiseChoice.A, 1, meta),
                RankingJudgment.ofOrder("r", prompt.id(), List.of(b.id(), a.id()), meta),
                new RatingJudgment("s", prompt.id(), a.id(), Map.of(RubricDimension.ACCURACY, 2), 5, meta),
                new SafetyFlag("f", prompt.id(), b.id(), PolicyCategory.OTHER, Severity.LOW, meta),
                new Demonstration("d", prompt.id(), "from scratch", null, meta)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"all.jsonl", "all.jsonl.gz"})
    void writeThenReadGivesEqualRecords(String name, @TempDir Path dir) throws IOException {
        List<DatasetEntry> entries = List.of(
                new Annotator("ann-7", "Dr. Seven", Map.of("chemistry", ExpertiseLevel.EXPERT, "general", ExpertiseLevel.GENERALIST)),
                new Annotator("ann-8", null, null),
                everythingSet(), everythingUnset(),
                new DatasetItem(Prompt.of(Conversation.ofUser("no judgments yet"), "general"), null, null));
        Path file = dir.resolve(name);
        try (DatasetWriter writer = Formats.create(DatasetFormat.NATIVE, file)) {
            for (DatasetEntry e : entries) writer.write(e);
            assertThat(writer.written()).isEqualTo(5);
            assertThat(writer.skipped()).isEmpty();
        }
        // gzip is chosen by extension: the magic bytes prove it (plain JSONL starts with '{')
        byte[] head = Arrays.copyOf(Files.readAllBytes(file), 2);
        if (name.endsWith(".gz")) assertThat(head).containsExactly(0x1f, 0x8b);
        else assertThat(head[0]).isEqualTo((byte) '{');
        List<DatasetEntry> back = new ArrayList<>();
        try (DatasetReader reader = Formats.open(DatasetFormat.NATIVE, file)) {
            for (DatasetEntry e; (e = reader.next()) != null; ) back.add(e);
        }
        assertThat(back).isEqualTo(entries);
    }

    @Test
    void linesCarryTheFormatVersionAndReadableFieldNames(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("one.jsonl");
        try (DatasetWriter writer = Formats.create(DatasetFormat.NATIVE, file)) {
            writer.write(everythingSet());
        }
        String line = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(line).startsWith("{\"format\":\"rlhf4j/1\",\"type\":\"item\",\"prompt\":{")
                .contains("\"created_at\":\"2026-11-22T10:50:01.123456789Z\"")
                .contains("\"time_spent_ms\":12345.678901")
                .contains("\"time_spent_ms\":1500,")
                .contains("\"sampling\":{\"temperature\":0.7,\"top_k\":40,\"top_p\":0.95,\"max_new_tokens\":256,\"seed\":-9007199254740993}")
                .contains("\"choice\":\"both_bad\"")
                .contains("\"guideline_version\":\"v2.1\"")
                .endsWith("}\n");
        assertThat(line.lines()).hasSize(1);
    }
}
