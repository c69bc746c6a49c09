package io.rlhf4j.core.format;

import io.rlhf4j.core.data.Completion;
import io.rlhf4j.core.data.Conversation;
import io.rlhf4j.core.data.DatasetItem;
import io.rlhf4j.core.data.Demonstration;
import io.rlhf4j.core.data.JudgmentMeta;
import io.rlhf4j.core.data.PairwiseChoice;
import io.rlhf4j.core.data.PairwiseJudgment;
import io.rlhf4j.core.data.Prompt;
import io.rlhf4j.core.data.Provenance;
import io.rlhf4j.core.data.RankingJudgment;
import io.rlhf4j.core.data.Turn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static io.rlhf4j.core.format.HhRlhfRealFileTest.readAll;
import static org.assertj.core.api.Assertions.assertThat;

class TrlFormatTest {
    static Path resource(String name) throws URISyntaxException {
        return Path.of(TrlFormatTest.class.getResource("/formats/" + name).toURI());
    }

    @Test
    void readsEveryTrlShapeIntoPairsOrDemonstrations() throws Exception {
        List<DatasetItem> items;
        try (var reader = Formats.open(DatasetFormat.TRL, resource("trl-shapes.jsonl"),
                FormatOptions.builder().domain("trivia").build())) {
            items = readAll(reader);
            assertThat(reader.line()).as("blank line 4 is counted").isEqualTo(7);
        }
        assertThat(items).hasSize(6).allSatisfy(i -> assertThat(i.prompt().domain()).isEqualTo("trivia"));

        // standard: the prompt string becomes one user turn; replies are kept with their leading space
        assertThat(items.get(0).prompt().conversation()).isEqualTo(Conversation.ofUser("The sky is"));
        assertThat(TrlRoundTripTest.chosenText(items.get(0))).isEqualTo(" blue.");
        assertThat(TrlRoundTripTest.rejectedText(items.get(0))).isEqualTo(" green.");
        assertThat(items.get(0).completions().get(0).provenance()).isEqualTo(Provenance.imported("trl-shapes"));

        // conversational with explicit prompt, system turn included, extra keys ignored
        assertThat(items.get(1).prompt().conversation())
                .isEqualTo(Conversation.of(Turn.system("Be brief."), Turn.user("What colour is the sky?")));
        assertThat(TrlRoundTripTest.chosenText(items.get(1))).isEqualTo("Blue.");

        // implicit prompt: the shared leading messages are the prompt
        assertThat(items.get(2).prompt().conversation().turns()).hasSize(3);
        assertThat(items.get(2).prompt().conversation().last()).isEqualTo(Turn.user("2+2?"));
        assertThat(TrlRoundTripTest.chosenText(items.get(2))).isEqualTo("4");
        PairwiseJudgment j = (PairwiseJudgment) items.get(2).judgments().get(0);
        assertThat(j.choice()).isEqualTo(PairwiseChoice.A);
        assertThat(j.meta().annotatorId()).isEqualTo("import");

        // SFT: prompt-completion (string and conversational) and messages give demonstrations
        assertDemonstration(items.get(3), Conversation.ofUser("Translate 'chat' to English:"), " cat");
        assertDemonstration(items.get(4), Conversation.ofUser("Name a prime."), "7");
        assertDemonstration(items.get(5), Conversation.of(Turn.system("You are terse."), Turn.user("Capital of France?")), "Paris.");
    }

    private static void assertDemonstration(DatasetItem item, Conversation prompt, String text) {
        assertThat(item.prompt().conversation()).isEqualTo(prompt);
        assertThat(item.completions()).isEmpty();
        Demonstration d = (Demonstration) item.judgments().get(0);
        assertThat(d.text()).isEqualTo(text);
        assertThat(d.editedFrom()).isNull();
        assertThat(d.meta().annotatorId()).isEqualTo("import");
    }

    @Test
    void rankingsExpandToPreferredPairsAndTiesAreCountedNotDropped(@TempDir Path dir) throws IOException {
        Prompt prompt = Prompt.of(Conversation.ofUser("Rank these"), null);
        Provenance prov = Provenance.human("writer");
        List<Completion> cs = List.of("a", "b", "c", "d").stream().map(t -> Completion.of(prompt.id(), t, prov)).toList();
        JudgmentMeta meta = JudgmentMeta.of("ann", Instant.parse("2026-03-01T10:00:00Z"));
        // a > (b = c) > d: 5 preferred pairs and 1 tie
        var ranking = new RankingJudgment("r1", prompt.id(),
                List.of(List.of(cs.get(0).id()), List.of(cs.get(1).id(), cs.get(2).id()), List.of(cs.get(3).id())), meta);
        var bothBad = new PairwiseJudgment("p1", prompt.id(), cs.get(0).id(), cs.get(3).id(), PairwiseChoice.BOTH_BAD, 0, meta);
        var demo = new Demonstration("d1", prompt.id(), "the ideal answer", null, meta);
        var item = new DatasetItem(prompt, cs, List.of(ranking, bothBad, demo));

        Path out = dir.resolve("ranked.jsonl");
        try (DatasetWriter writer = Formats.create(DatasetFormat.TRL, out)) {
            writer.write(item);
            assertThat(writer.written()).isEqualTo(5);
            assertThat(writer.skippedCount()).isEqualTo(3);
            assertThat(writer.skipped()).containsEntry("tie comparison: trl has only chosen/rejected, no ties or both-bad", 1L)
                    .containsEntry("both_bad comparison: trl has only chosen/rejected, no ties or both-bad", 1L)
                    .containsEntry("demonstration: trl preference data has no demonstrations", 1L);
        }
        List<DatasetItem> back;
        try (var reader = Formats.open(DatasetFormat.TRL, out)) {
            back = readAll(reader);
        }
        List<List<String>> pairs = back.stream()
                .map(i -> List.of(TrlRoundTripTest.chosenText(i), TrlRoundTripTest.rejectedText(i))).toList();
        assertThat(pairs).containsExactlyInAnyOrder(List.of("a", "b"), List.of("a", "c"), List.of("a", "d"),
                List.of("b", "d"), List.of("c", "d"));
        // conversational by default: the prompt is a message list
        assertThat(Files.readAllLines(out, StandardCharsets.UTF_8).get(0))
                .startsWith("{\"prompt\":[{\"role\":\"user\",\"content\":\"Rank these\"}],\"chosen\":[{\"role\":\"assistant\"");

        Path sft = dir.resolve("sft.jsonl");
        try (DatasetWriter writer = Formats.create(DatasetFormat.TRL, sft,
                FormatOptions.builder().trlShape(FormatOptions.TrlShape.SFT_STANDARD).build())) {
            writer.write(item);
            assertThat(writer.written()).isEqualTo(1);
            assertThat(writer.skipped()).containsEntry("ranking: trl SFT data holds demonstrations only", 1L)
                    .containsEntry("pairwise: trl SFT data holds demonstrations only", 1L);
        }
        assertThat(Files.readString(sft)).isEqualTo("{\"prompt\":\"Rank these\",\"completion\":\"the ideal answer\"}\n");
    }
}
