package io.rlhf4j.core.format;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** The JSONL target every writer shares: UTF-8 lines ending in "\n", gzip-compressed when the name ends in .gz. */
final class JsonlSink implements Closeable {
    private final BufferedWriter out;
    private long lines;

    JsonlSink(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        OutputStream raw = Files.newOutputStream(file);
        OutputStream bytes = JsonlLines.isGzip(file) ? new GZIPOutputStream(raw, 1 << 16) : raw;
        this.out = new BufferedWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), 1 << 16);
    }

    void line(String json) throws IOException {
        out.write(json);
        out.write('\n');
        lines++;
    }

    long lines() {
        return lines;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
