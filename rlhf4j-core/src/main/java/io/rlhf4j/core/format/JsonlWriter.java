package io.rlhf4j.core.format;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** What the JSONL writers share: the line sink and the count of what the format could not express. */
abstract class JsonlWriter implements DatasetWriter {
    protected final JsonlSink sink;
    protected final SkipCounts skipped = new SkipCounts();

    JsonlWriter(Path file) throws IOException {
        this.sink = new JsonlSink(file);
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
