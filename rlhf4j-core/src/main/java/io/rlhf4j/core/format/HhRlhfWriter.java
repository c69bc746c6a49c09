package io.rlhf4j.core.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.rlhf4j.core.data.Comparison;
import io.rlhf4j.core.data.DatasetEntry;
import io.rlhf4j.core.data.DatasetItem;
import io.rlhf4j.core.data.Role;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes every preferred comparison of an item (pairwise judgments, and rankings expanded) as an
 * HH-RLHF line. The line is laid out exactly as the published files are ({@code {"chosen": ...,
 * "rejected": ...}} with a space after each colon and comma, non-ASCII unescaped), so a file read by
 * {@link HhRlhfReader} is written back byte for byte. Ties, both-bad verdicts, ratings, flags,
 * demonstrations, annotators and prompts with a system turn cannot be expressed and are counted in
 * {@link #skipped()}.
 */
public final class HhRlhfWriter implements DatasetWriter {
    private final JsonlSink sink;
    private final SkipCounts skipped = new SkipCounts();

    public HhRlhfWriter(Path file) throws IOException {
        this.sink = new JsonlSink(file);
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
                String chosen = HhTranscript.render(item.prompt().conversation(), item.completion(c.chosenId()).text());
                String rejected = HhTranscript.render(item.prompt().conversation(), item.completion(c.rejectedId()).text());
                sink.line("{\"chosen\": " + quote(chosen) + ", \"rejected\": " + quote(rejected) + "}");
            }
        }
    }

    private static String quote(String s) throws JsonProcessingException {
        return JsonlLines.JSON.writeValueAsString(s);
    }

    @Override
    public long written() {
        return sink.lines();
    }

    @Override
    public Map<String, Long> skipped() {
        return skipped.snapshot();
    }

    @Override
    public void close() throws IOException {
        sink.close();
    }
}
