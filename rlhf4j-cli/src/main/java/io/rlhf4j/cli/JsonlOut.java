package io.rlhf4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * JSONL written as results come: each record is flushed at once, so a long {@code generate} or
 * {@code score} run can be followed with {@code tail -f} and keeps what it finished if stopped.
 * Written to a temporary name and moved into place at {@link #close()}, so a failed run leaves no
 * half file under the name asked for.
 */
final class JsonlOut implements Closeable {
    static final ObjectMapper JSON = new ObjectMapper();

    private final Path target;
    private final Path partial;
    private final BufferedWriter out;
    private long records;
    private boolean complete;

    JsonlOut(Path target) throws IOException {
        this.target = target;
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        this.partial = target.resolveSibling(target.getFileName() + ".partial");
        this.out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(partial), StandardCharsets.UTF_8));
    }

    void write(ObjectNode record) throws IOException {
        out.write(JSON.writeValueAsString(record));
        out.write('\n');
        out.flush();
        records++;
    }

    long records() { return records; }

    /** Marks the output whole: close() then moves it to its name (else the .partial file stays, named as such). */
    void complete() { complete = true; }

    @Override
    public void close() throws IOException {
        out.close();
        if (complete) Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
