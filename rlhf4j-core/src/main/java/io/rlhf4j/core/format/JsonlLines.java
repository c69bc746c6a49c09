package io.rlhf4j.core.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The JSONL source every reader shares: one line at a time from a {@code .jsonl} or (by extension)
 * {@code .jsonl.gz} file, each parsed to a JSON object with Jackson. Nothing but the current line
 * is held (and a 16-byte digest of each line, to find repeated lines), so file size does not bound
 * heap in practice. Blank lines are skipped but still counted, so line numbers in errors match what an
 * editor shows. A UTF-8 byte-order mark before the first line is dropped, as editors do. A line whose
 * parsed JSON repeats an earlier line's is skipped and counted unless duplicates are kept.
 */
final class JsonlLines implements Closeable {
    /** Decimals read as BigDecimal so that native time_spent_ms keeps nanoseconds exactly. */
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final Path file;
    private final InputStream in;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final boolean keepDuplicates;
    private final Map<Digest, Long> seen = new HashMap<>();
    private DuplicateLines duplicates = DuplicateLines.NONE;
    private byte[] buffer = new byte[8192];
    private long line;

    /** The first 16 bytes of a line's SHA-256: collisions are out of reach at any file size. */
    private record Digest(long high, long low) {}

    JsonlLines(Path file) throws IOException {
        this(file, false);
    }

    JsonlLines(Path file, boolean keepDuplicates) throws IOException {
        this.file = file;
        this.keepDuplicates = keepDuplicates;
        if (Files.isDirectory(file)) throw new DatasetFormatException(file, 0, null, "is a directory, not a dataset file");
        if (!Files.exists(file)) throw new DatasetFormatException(file, 0, null, "no such file");
        InputStream raw = Files.newInputStream(file);
        try {
            this.in = new BufferedInputStream(isGzip(file) ? new GZIPInputStream(raw, 1 << 16) : raw, 1 << 16);
        } catch (ZipException | EOFException e) {
            raw.close();
            throw new DatasetFormatException(file, 0, null, "not a gzip file despite its .gz name (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            raw.close();
            throw e;
        }
    }

    /** Lines skipped so far as repeats of earlier lines. */
    DuplicateLines duplicates() {
        return duplicates;
    }

    static boolean isGzip(Path file) {
        return file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".gz");
    }

    Path file() {
        return file;
    }

    /** 1-based number of the line last returned. */
    long line() {
        return line;
    }

    /** Where the line last returned came from, for error messages. */
    Where where() {
        return new Where(file, line);
    }

    /** The next non-blank line parsed as a JSON object, or null at the end of the file; repeats skipped (see class). */
    ObjectNode next() throws IOException {
        while (true) {
            ObjectNode object = parseNext();
            if (object == null || keepDuplicates) return object;
            Long first = seen.putIfAbsent(digest(object), line);
            if (first == null) return object;
            duplicates = duplicates.plus(new DuplicateLines.Repeat(line, first));
        }
    }

    private static Digest digest(ObjectNode object) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(object.toString().getBytes(StandardCharsets.UTF_8));
            ByteBuffer b = ByteBuffer.wrap(d);
            return new Digest(b.getLong(), b.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    private ObjectNode parseNext() throws IOException {
        String text = nextLine();
        if (text == null) return null;
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new DatasetFormatException(file, line, null, "broken JSON: " + e.getOriginalMessage(), e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new DatasetFormatException(file, line, null, "expected a JSON object, found " + node.getNodeType());
        }
        return object;
    }

    private String nextLine() throws IOException {
        while (true) {
            int length = readLineBytes();
            if (length < 0) return null;
            line++;
            // Decoded per line, strictly (REPORT, not the default REPLACE): invalid UTF-8 fails on the
            // line it is on instead of being altered silently.
            String text;
            try {
                text = utf8.decode(ByteBuffer.wrap(buffer, 0, length)).toString();
            } catch (CharacterCodingException e) {
                throw new DatasetFormatException(file, line, null, "not valid UTF-8", e);
            }
            if (line == 1 && text.startsWith("\uFEFF")) text = text.substring(1);
            if (!text.isBlank()) return text;
        }
    }

    /** Reads the bytes up to the next '\n' into {@link #buffer} (growing it), or -1 at the end of input. */
    private int readLineBytes() throws IOException {
        int length = 0;
        int b;
        try {
            while ((b = in.read()) >= 0 && b != '\n') {
                if (length == buffer.length) buffer = Arrays.copyOf(buffer, buffer.length * 2);
                buffer[length++] = (byte) b;
            }
        } catch (EOFException | ZipException e) {
            // GZIPInputStream's "Unexpected end of ZLIB input stream" names neither file nor place
            throw new DatasetFormatException(file, line + 1, null, "the gzip data is truncated or corrupt inside this line"
                    + " (after " + line + " complete line" + (line == 1 ? "" : "s") + "): " + e.getMessage(), e);
        }
        return b < 0 && length == 0 ? -1 : length;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
