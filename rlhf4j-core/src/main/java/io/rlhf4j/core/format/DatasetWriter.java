package io.rlhf4j.core.format;

import io.rlhf4j.core.data.DatasetEntry;

import java.io.Closeable;
import java.io.IOException;

/** Writes entries to a dataset file in one format. Entries a format cannot express are reported, not dropped silently. */
public interface DatasetWriter extends Closeable {
    void write(DatasetEntry entry) throws IOException;

    /** How many records were written (lines, for the JSONL formats). */
    long written();
}
