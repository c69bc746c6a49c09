package io.rlhf4j.core.format;

import io.rlhf4j.core.data.DatasetEntry;
import io.rlhf4j.core.data.DatasetItem;
import io.rlhf4j.core.data.PairwiseJudgment;
import io.rlhf4j.core.data.Turn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static io.rlhf4j.core.format.HhRlhfRealFileTest.REAL;
import static io.rlhf4j.core.format.HhRlhfRealFileTest.readAll;
import static org.assertj.core.api.Assertions.assertThat;

/** DONE-WHEN: real hh-rlhf -> trl -> read back gives the same 2,312 pairs, every string identical. */
class TrlRoundTripTest {

    @Test
    void realHhRlhfSurvivesTrlConversationalExportStringForString(@TempDir Path dir) throws IOException {
        Path trl = dir.resolve("harmless.jsonl.gz");
        List<DatasetItem> imported;
        try (var reader = Formats.open(DatasetFormat.HH_RLHF, REAL)) {
            imported = readAll(reader);
        }
        try (DatasetWriter writer = Formats.create(DatasetFormat.TRL, trl)) {
            for (DatasetEntry e : imported) writer.write(e);
            assertThat(writer.written()).isEqualTo(2312);
            assertThat(writer.skipped()).isEmpty();
        }
        List<DatasetItem> back;
        try (var reader = Formats.open(DatasetFormat.TRL, trl)) {
            back = readAll(reader);
        }
        assertThat(back).hasSize(2312);
        for (int i = 0; i < imported.size(); i++) {
            DatasetItem before = imported.get(i);
            DatasetItem after = back.get(i);
            List<Turn> turnsBefore = before.prompt().conversation().turns();
            List<Turn> turnsAfter = after.prompt().conversation().turns();
            assertThat(turnsAfter).as("line %d turns", i + 1).hasSameSizeAs(turnsBefore);
            for (int t = 0; t < turnsBefore.size(); t++) {
                assertThat(turnsAfter.get(t).role()).isEqualTo(turnsBefore.get(t).role());
                assertThat(turnsAfter.get(t).content()).as("line %d turn %d", i + 1, t).isEqualTo(turnsBefore.get(t).content());
            }
            // Same conversation, same content-derived prompt id, whatever the dataset name.
            assertThat(after.prompt().id()).isEqualTo(before.prompt().id());
            assertThat(chosenText(after)).as("line %d chosen", i + 1).isEqualTo(chosenText(before));
            assertThat(rejectedText(after)).as("line %d rejected", i + 1).isEqualTo(rejectedText(before));
        }
    }

    @Test
    void standardStringFormKeepsSingleTurnPairsAndCountsMultiTurnOnes(@TempDir Path dir) throws IOException {
        Path trl = dir.resolve("standard.jsonl");
        List<DatasetItem> imported;
        try (var reader = Formats.open(DatasetFormat.HH_RLHF, REAL)) {
            imported = readAll(reader);
        }
        long singleTurn = imported.stream().filter(i -> i.prompt().conversation().turns().size() == 1).count();
        var options = FormatOptions.builder().trlShape(FormatOptions.TrlShape.PREFERENCE_STANDARD).build();
        try (DatasetWriter writer = Formats.create(DatasetFormat.TRL, trl, options)) {
            for (DatasetEntry e : imported) writer.write(e);
            assertThat(writer.written()).isEqualTo(singleTurn);
            assertThat(writer.skippedCount()).isEqualTo(2312 - singleTurn);
            assertThat(writer.skipped().keySet()).singleElement().asString().contains("multi-turn prompt");
        }
        List<DatasetItem> back;
        try (var reader = Formats.open(DatasetFormat.TRL, trl)) {
            back = readAll(reader);
        }
        List<DatasetItem> expected = imported.stream().filter(i -> i.prompt().conversation().turns().size() == 1).toList();
        assertThat(back).hasSize(expected.size());
        for (int i = 0; i < back.size(); i++) {
            assertThat(back.get(i).prompt().conversation()).isEqualTo(expected.get(i).prompt().conversation());
            assertThat(chosenText(back.get(i))).isEqualTo(chosenText(expected.get(i)));
            assertThat(rejectedText(back.get(i))).isEqualTo(rejectedText(expected.get(i)));
        }
    }

    static String chosenText(DatasetItem item) {
        PairwiseJudgment j = (PairwiseJudgment) item.judgments().get(0);
        return item.completion(j.toComparison().chosenId()).text();
    }

    static String rejectedText(DatasetItem item) {
        PairwiseJudgment j = (PairwiseJudgment) item.judgments().get(0);
        return item.completion(j.toComparison().rejectedId()).text();
    }
}
