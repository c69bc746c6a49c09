package io.rlhf4j.core.format;

import java.nio.file.Path;

/**
 * Bad input in a dataset file. The message always says where (file, line, field) and what is
 * wrong, e.g. {@code data.jsonl:17: field "chosen": missing}, so a user can fix the line.
 */
public final class DatasetFormatException extends IllegalArgumentException {
    private final transient Path file;
    private final long line;
    private final String field;
    private final String problem;

    public DatasetFormatException(Path file, long line, String field, String problem) {
        this(file, line, field, problem, null);
    }

    public DatasetFormatException(Path file, long line, String field, String problem, Throwable cause) {
        super(describe(file, line, field, problem), cause);
        this.file = file;
        this.line = line;
        this.field = field;
        this.problem = problem;
    }

    private static String describe(Path file, long line, String field, String problem) {
        StringBuilder s = new StringBuilder(file == null ? "<input>" : file.toString());
        if (line > 0) s.append(':').append(line);
        s.append(": ");
        if (field != null) s.append("field \"").append(field).append("\": ");
        return s.append(problem).toString();
    }

    public Path file() { return file; }

    /** 1-based line number, or 0 when the problem is not tied to a line. */
    public long line() { return line; }

    /** The JSON field at fault, or null when the whole line is (e.g. broken JSON). */
    public String field() { return field; }

    public String problem() { return problem; }
}
