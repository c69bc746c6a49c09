package io.rlhf4j.core.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.rlhf4j.core.data.Comparison;
import io.rlhf4j.core.data.DatasetEntry;
import io.rlhf4j.core.data.DatasetItem;
import io.rlhf4j.core.data.Role;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes every preferred comparison of an item (pairwise judgments, and rankings expanded) as an
 * HH-RLHF line. The line is laid out exactly as the published files are ({@code {"chosen": ...,
 * "rejected": ...}} with a space after each colon and comma, non-ASCII unescaped), so a file read by
 * {@link HhRlhfReader} is written back byte for byte. Ties, both-bad verdicts, ratings, flags,
 * demonstrations, annotators and prompts with a system turn cannot be expressed and are counted in
 * {@link #skipped()}.
 */
public final class HhRlhfWriter extends JsonlWriter {

    public HhRlhfWriter(Path file) throws IOException {
        super(file);
    }

    @Override
    public void write(DatasetEntry entry) throws IOException {
        if (!(entry instanceof DatasetItem item)) {
            skipped.add("annotator: hh-rlhf has no annotator records");
            return;
        }
        PairExport.countUnpairable(item, skipped, "hh-rlhf");
        boolean system = item.prompt().conversation().turns().stream().anyMatch(t -> t.role() == Role.SYSTEM);
        for (Comparison c : item.comparisons()) {
            if (c.outcome() != Comparison.Outcome.PREFERRED) {
                skipped.add(PairExport.notPreferred(c, "hh-rlhf"));
            } else if (system) {
                skipped.add("comparison with a system turn in the prompt: hh-rlhf has only Human and Assistant turns");
            } else {
                String chosenText = item.completion(c.chosenId()).text();
                String rejectedText = item.completion(c.rejectedId()).text();
                String chosen = HhTranscript.render(item.prompt().conversation(), chosenText);
                String rejected = HhTranscript.render(item.prompt().conversation(), rejectedText);
                if (readsBackAs(chosen, rejected, item, chosenText, rejectedText)) {
                    sink.line("{\"chosen\": " + quote(chosen) + ", \"rejected\": " + quote(rejected) + "}");
                } else {
                    skipped.add("comparison whose text contains \"\\n\\nHuman:\"/\"\\n\\nAssistant:\" so that the transcript"
                            + " would read back as different turns");
                }
            }
        }
    }

    /**
     * Text from other sources may contain the transcript's own turn markers (e.g. a TRL prompt turn
     * with "\n\nHuman:" inside). Such a line would silently read back as other turns, so it is
     * checked by reading it back and counted as skipped when it would.
     */
    private static boolean readsBackAs(String chosen, String rejected, DatasetItem item, String chosenText, String rejectedText) {
        try {
            HhTranscript.Pair back = HhTranscript.split(chosen, rejected, new Where(null, 0));
            return back.prompt().equals(item.prompt().conversation()) && back.chosen().equals(chosenText)
                    && back.rejected().equals(rejectedText);
        } catch (DatasetFormatException e) {
            return false;
        }
    }

    private static String quote(String s) throws JsonProcessingException {
        return JsonlLines.JSON.writeValueAsString(s);
    }
}
