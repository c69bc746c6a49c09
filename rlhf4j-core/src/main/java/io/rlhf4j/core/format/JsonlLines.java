package io.rlhf4j.core.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The JSONL source every reader shares: one line at a time from a {@code .jsonl} or (by extension)
 * {@code .jsonl.gz} file, each parsed to a JSON object with Jackson. Nothing but the current line
 * is held, so file size does not bound heap. Blank lines are skipped but still counted, so line
 * numbers in errors match what an editor shows.
 */
final class JsonlLines implements Closeable {
    /** Decimals read as BigDecimal so that native time_spent_ms keeps nanoseconds exactly. */
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final Path file;
    private final BufferedReader in;
    private long line;

    JsonlLines(Path file) throws IOException {
        this.file = file;
        InputStream raw = Files.newInputStream(file);
        try {
            InputStream bytes = isGzip(file) ? new GZIPInputStream(raw, 1 << 16) : raw;
            // REPORT, not the default REPLACE: invalid UTF-8 must fail loudly, never alter content silently.
            var decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            this.in = new BufferedReader(new InputStreamReader(bytes, decoder), 1 << 16);
        } catch (IOException e) {
            raw.close();
            throw e;
        }
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

    /** The next non-blank line parsed as a JSON object, or null at the end of the file. */
    ObjectNode next() throws IOException {
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
            String text;
            try {
                text = in.readLine();
            } catch (CharacterCodingException e) {
                throw new DatasetFormatException(file, line + 1, null, "not valid UTF-8", e);
            }
            if (text == null) return null;
            line++;
            if (!text.isBlank()) return text;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
