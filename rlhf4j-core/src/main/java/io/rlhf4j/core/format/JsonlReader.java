package io.rlhf4j.core.format;

import io.rlhf4j.core.data.Completion;
import io.rlhf4j.core.data.DatasetItem;
import io.rlhf4j.core.data.Ids;
import io.rlhf4j.core.data.JudgmentMeta;
import io.rlhf4j.core.data.PairwiseChoice;
import io.rlhf4j.core.data.PairwiseJudgment;
import io.rlhf4j.core.data.Prompt;
import io.rlhf4j.core.data.Provenance;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** What the JSONL readers share: the line source, and how an imported "chosen beats rejected" line becomes an item. */
abstract class JsonlReader implements DatasetReader {
    protected final JsonlLines lines;
    protected final String fileName;
    /** Recorded as the imported completions' source: the dataset option, else the format's default name. */
    protected final Provenance provenance;
    protected final String domain;

    JsonlReader(Path file, FormatOptions options, String defaultDataset) throws IOException {
        this.lines = new JsonlLines(file, options.keepDuplicates());
        this.fileName = file.getFileName().toString();
        String dataset = options.dataset() != null ? options.dataset() : defaultDataset;
        this.provenance = dataset == null ? null : Provenance.imported(dataset);
        this.domain = options.domain();
    }

    /**
     * A prompt, completions A (chosen) and B (rejected), and one judgment "A wins" with the facts the
     * source does not record fixed (annotator, strength, createdAt EPOCH) and an id derived from the
     * file name and line, so that importing the same file twice gives identical records.
     */
    protected DatasetItem chosenBeatsRejected(Where where, Prompt prompt, String chosen, String rejected,
                                              String annotator, int strength) {
        Completion a = Completion.of(prompt.id(), chosen, provenance);
        Completion b = Completion.of(prompt.id(), rejected, provenance);
        var judgment = new PairwiseJudgment(Ids.derived("j", fileName, Long.toString(where.line())), prompt.id(), a.id(),
                b.id(), PairwiseChoice.A, strength, JudgmentMeta.of(annotator, Instant.EPOCH));
        return new DatasetItem(prompt, List.of(a, b), List.of(judgment));
    }

    @Override
    public long line() {
        return lines.line();
    }

    @Override
    public DuplicateLines duplicates() {
        return lines.duplicates();
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
