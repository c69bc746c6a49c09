package io.rlhf4j.core.format;

import io.rlhf4j.core.data.DatasetEntry;

import java.io.IOException;
import java.nio.file.Path;

/** Writes rlhf4j's native JSONL: one item or annotator per line, every field kept, so nothing is ever skipped. */
public final class NativeWriter extends JsonlWriter {

    public NativeWriter(Path file) throws IOException {
        super(file);
    }

    @Override
    public void write(DatasetEntry entry) throws IOException {
        sink.line(JsonlLines.JSON.writeValueAsString(NativeEncoder.encode(entry)));
    }
}
