package io.rlhf4j.core.format;

import io.rlhf4j.core.data.Annotator;
import io.rlhf4j.core.data.Completion;
import io.rlhf4j.core.data.Conversation;
import io.rlhf4j.core.data.DatasetItem;
import io.rlhf4j.core.data.JudgmentMeta;
import io.rlhf4j.core.data.PairwiseChoice;
import io.rlhf4j.core.data.PairwiseJudgment;
import io.rlhf4j.core.data.Prompt;
import io.rlhf4j.core.data.Provenance;
import io.rlhf4j.core.data.Turn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the hh-rlhf writer produces from records of other origins, and what it refuses to garble. */
class HhRlhfWriterTest {
    private static final JudgmentMeta META = JudgmentMeta.of("ann", Instant.parse("2026-05-01T00:00:00Z"));

    private static DatasetItem pair(Conversation conversation, String better, String worse, PairwiseChoice choice) {
        Prompt prompt = Prompt.of(conversation, null);
        Completion a = Completion.of(prompt.id(), better, Provenance.human("w"));
        Completion b = Completion.of(prompt.id(), worse, Provenance.human("w"));
        int strength = choice == PairwiseChoice.A || choice == PairwiseChoice.B ? 2 : 0;
        return new DatasetItem(prompt, List.of(a, b), List.of(new PairwiseJudgment("j", prompt.id(), a.id(), b.id(), choice, strength, META)));
    }

    @Test
    void writesTranscriptsWithTheWinnerAsChosenAndCountsWhatItCannotExpress(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out.jsonl");
        try (DatasetWriter writer = Formats.create(DatasetFormat.HH_RLHF, out)) {
            // B won: chosen must be B's text even though it was shown second
            writer.write(pair(Conversation.of(Turn.user(" lead space"), Turn.assistant("ok"), Turn.user("q")), "first", " second", PairwiseChoice.B));
            writer.write(pair(Conversation.ofUser("tie?"), "x", "y", PairwiseChoice.TIE));
            writer.write(pair(Conversation.of(Turn.system("sys"), Turn.user("q")), "x", "y", PairwiseChoice.A));
            writer.write(pair(Conversation.ofUser("q\n\nAssistant: fake turn"), "x", "y", PairwiseChoice.A));
            writer.write(new Annotator("ann", null, null));
            assertThat(writer.written()).isEqualTo(1);
            assertThat(writer.skippedCount()).isEqualTo(4);
            assertThat(writer.skipped().keySet()).anySatisfy(k -> assertThat(k).startsWith("tie comparison"))
                    .anySatisfy(k -> assertThat(k).contains("system turn"))
                    .anySatisfy(k -> assertThat(k).contains("read back as different turns"))
                    .anySatisfy(k -> assertThat(k).startsWith("annotator"));
        }
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(
                "{\"chosen\": \"\\n\\nHuman:  lead space\\n\\nAssistant: ok\\n\\nHuman: q\\n\\nAssistant:  second\", "
                        + "\"rejected\": \"\\n\\nHuman:  lead space\\n\\nAssistant: ok\\n\\nHuman: q\\n\\nAssistant: first\"}\n");
        try (DatasetReader reader = Formats.open(DatasetFormat.HH_RLHF, out)) {
            DatasetItem back = (DatasetItem) reader.next();
            assertThat(back.prompt().conversation().turns().get(0).content()).isEqualTo(" lead space");
            assertThat(TrlRoundTripTest.chosenText(back)).isEqualTo(" second");
            assertThat(TrlRoundTripTest.rejectedText(back)).isEqualTo("first");
        }
    }
}
