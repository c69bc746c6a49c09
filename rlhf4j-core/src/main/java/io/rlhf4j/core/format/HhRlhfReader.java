package io.rlhf4j.core.format;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rlhf4j.core.data.DatasetEntry;
import io.rlhf4j.core.data.PairwiseJudgment;
import io.rlhf4j.core.data.Prompt;

import java.io.IOException;
import java.nio.file.Path;

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
public final class HhRlhfReader extends JsonlReader {
    public static final String DEFAULT_DATASET = "hh-rlhf";
    public static final String ANNOTATOR = "hh-rlhf";
    public static final int STRENGTH = 1;

    public HhRlhfReader(Path file, FormatOptions options) throws IOException {
        super(file, options, DEFAULT_DATASET);
    }

    @Override
    public DatasetEntry next() throws IOException {
        ObjectNode json = lines.next();
        if (json == null) return null;
        Where where = lines.where();
        String chosen = where.text(json, "chosen", "chosen");
        String rejected = where.text(json, "rejected", "rejected");
        HhTranscript.Pair pair = HhTranscript.split(chosen, rejected, where);
        return where.build("chosen", () -> chosenBeatsRejected(where, Prompt.of(pair.prompt(), domain), pair.chosen(),
                pair.rejected(), ANNOTATOR, STRENGTH));
    }
}
