package io.rlhf4j.core.format;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The one entry point the CLI and the store use: open a reader or create a writer for a format.
 * {@code .jsonl.gz} (any name ending in .gz) is gzip, anything else plain UTF-8 JSONL; both stream
 * one line at a time.
 */
public final class Formats {
    private Formats() {}

    public static DatasetReader open(DatasetFormat format, Path file) throws IOException {
        return open(format, file, FormatOptions.DEFAULTS);
    }

    public static DatasetReader open(DatasetFormat format, Path file, FormatOptions options) throws IOException {
        return switch (format) {
            case HH_RLHF -> new HhRlhfReader(file, options);
            case TRL -> new TrlReader(file, options);
            case NATIVE -> new NativeReader(file, options);
        };
    }

    public static DatasetWriter create(DatasetFormat format, Path file) throws IOException {
        return create(format, file, FormatOptions.DEFAULTS);
    }

    public static DatasetWriter create(DatasetFormat format, Path file, FormatOptions options) throws IOException {
        return switch (format) {
            case HH_RLHF -> new HhRlhfWriter(file);
            case TRL -> new TrlWriter(file, options);
            case NATIVE -> new NativeWriter(file);
        };
    }
}
