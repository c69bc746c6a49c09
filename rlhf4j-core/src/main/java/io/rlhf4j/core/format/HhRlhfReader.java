package io.rlhf4j.core.format;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rlhf4j.core.data.Completion;
import io.rlhf4j.core.data.DatasetEntry;
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

/**
 * Reads Anthropic HH-RLHF lines ({@code {"chosen": transcript, "rejected": transcript}}) as one
 * {@link DatasetItem} each: the shared turns become the prompt, the two final replies become
 * completions A (chosen) and B (rejected), and one {@link PairwiseJudgment} says A won.
 *
 * <p>What HH-RLHF does not record is filled with fixed, documented values so that importing a file
 * twice gives identical records (and ids): strength {@link #STRENGTH} ("slightly better", the
 * weakest valid preference, because the source publishes a binary choice only), annotator
 * {@link #ANNOTATOR} (a pseudo annotator standing for the source's crowd workers), createdAt
 * {@link Instant#EPOCH} (the source has no timestamps; "now" would make re-imports differ), and a
 * judgment id derived from file name and line. A is always the chosen reply, so position-bias
 * statistics are meaningless for imported pairs.
 */
public final class HhRlhfReader implements DatasetReader {
    public static final String DEFAULT_DATASET = "hh-rlhf";
    public static final String ANNOTATOR = "hh-rlhf";
    public static final int STRENGTH = 1;

    private final JsonlLines lines;
    private final Provenance provenance;
    private final String domain;
    private final String fileName;

    public HhRlhfReader(Path file, FormatOptions options) throws IOException {
        this.lines = new JsonlLines(file);
        this.provenance = Provenance.imported(options.dataset() == null ? DEFAULT_DATASET : options.dataset());
        this.domain = options.domain();
        this.fileName = file.getFileName().toString();
    }

    @Override
    public DatasetEntry next() throws IOException {
        ObjectNode json = lines.next();
        if (json == null) return null;
        Where where = lines.where();
        String chosen = where.text(json, "chosen", "chosen");
        String rejected = where.text(json, "rejected", "rejected");
        HhTranscript.Pair pair = HhTranscript.split(chosen, rejected, where);
        return where.build("chosen", () -> {
            Prompt prompt = Prompt.of(pair.prompt(), domain);
            Completion a = Completion.of(prompt.id(), pair.chosen(), provenance);
            Completion b = Completion.of(prompt.id(), pair.rejected(), provenance);
            String judgmentId = Ids.derived("j", fileName, Long.toString(where.line()));
            var judgment = new PairwiseJudgment(judgmentId, prompt.id(), a.id(), b.id(), PairwiseChoice.A, STRENGTH,
                    JudgmentMeta.of(ANNOTATOR, Instant.EPOCH));
            return new DatasetItem(prompt, List.of(a, b), List.of(judgment));
        });
    }

    @Override
    public long line() {
        return lines.line();
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
