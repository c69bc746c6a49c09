package io.rlhf4j.core.format;

import io.rlhf4j.core.data.DatasetEntry;

import java.io.Closeable;
import java.io.IOException;

/**
 * Streams the entries of a dataset file one at a time, so a 1 GB file never needs 1 GB of heap.
 * Bad input throws {@link DatasetFormatException} naming file, line and field.
 */
public interface DatasetReader extends Closeable {
    /** The next entry, or null at the end of the input. */
    DatasetEntry next() throws IOException;

    /** The 1-based line of the entry last returned (for progress and error reports). */
    long line();

    /** Lines skipped so far because they repeat an earlier line (see {@link FormatOptions#keepDuplicates}). */
    default DuplicateLines duplicates() {
        return DuplicateLines.NONE;
    }
}
