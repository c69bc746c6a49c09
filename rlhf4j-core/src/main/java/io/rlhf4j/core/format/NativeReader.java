package io.rlhf4j.core.format;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rlhf4j.core.data.DatasetEntry;

import java.io.IOException;
import java.nio.file.Path;

/** Reads rlhf4j's native JSONL ("rlhf4j/1"): items and annotators exactly as written by {@link NativeWriter}. */
public final class NativeReader extends JsonlReader {

    public NativeReader(Path file) throws IOException {
        this(file, FormatOptions.DEFAULTS);
    }

    public NativeReader(Path file, FormatOptions options) throws IOException {
        super(file, options, null);
    }

    @Override
    public DatasetEntry next() throws IOException {
        ObjectNode json = lines.next();
        return json == null ? null : NativeDecoder.decode(json, lines.where());
    }
}
