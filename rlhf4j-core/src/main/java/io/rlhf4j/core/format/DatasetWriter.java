package io.rlhf4j.core.format;

import io.rlhf4j.core.data.DatasetEntry;

import java.io.Closeable;
import java.io.IOException;

/** Writes entries to a dataset file in one format. Entries a format cannot express are reported, not dropped silently. */
public interface DatasetWriter extends Closeable {
    void write(DatasetEntry entry) throws IOException;

    /** How many records were written (lines, for the JSONL formats). */
    long written();

    /**
     * What was not written because the format cannot express it, as reason -> count (e.g. "tie
     * comparison: trl has only chosen/rejected" -> 3). Empty when nothing was lost.
     */
    default java.util.Map<String, Long> skipped() {
        return java.util.Map.of();
    }

    /** The total of {@link #skipped()}. */
    default long skippedCount() {
        return skipped().values().stream().mapToLong(Long::longValue).sum();
    }
}
