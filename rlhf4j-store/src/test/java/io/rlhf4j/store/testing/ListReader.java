package io.rlhf4j.store.testing;

import io.rlhf4j.core.data.DatasetEntry;
import io.rlhf4j.core.format.DatasetReader;

import java.util.List;

/** A DatasetReader over entries in memory, entry i on "line" i+1: import tests without writing files. */
public final class ListReader implements DatasetReader {
    private final List<? extends DatasetEntry> entries;
    private int next;

    public ListReader(List<? extends DatasetEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    @Override
    public DatasetEntry next() {
        return next < entries.size() ? entries.get(next++) : null;
    }

    @Override
    public long line() {
        return next;
    }

    @Override
    public void close() {}
}
