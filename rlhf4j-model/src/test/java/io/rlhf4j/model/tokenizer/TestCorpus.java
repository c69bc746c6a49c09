package io.rlhf4j.model.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rlhf4j.core.testing.SharedFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Real text for tokenizer tests: the HH-RLHF transcripts in ../shared (about 3 MB, both sides). */
final class TestCorpus {
    private static List<String> cached;

    private TestCorpus() {}

    static synchronized List<String> hhRlhfTranscripts() {
        if (cached != null) return cached;
        ObjectMapper json = new ObjectMapper();
        List<String> docs = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(SharedFiles.resolve("data/hh-rlhf-harmless-base-test.jsonl.gz"))), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                JsonNode row = json.readTree(line);
                docs.add(row.get("chosen").asText());
                docs.add(row.get("rejected").asText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cached = List.copyOf(docs);
        return cached;
    }

    static long utf8Bytes(List<String> docs) {
        return docs.stream().mapToLong(d -> d.getBytes(StandardCharsets.UTF_8).length).sum();
    }

    /** Inputs that stress the pre-tokenizer and byte fallback paths. */
    static final List<String> AWKWARD = List.of(
            "Hello, world!",
            "  leading and trailing spaces  ",
            "tabs\tand\nnewlines\n\n\nand\r\nwindows line ends",
            "numbers 12345 and 3.14159, dates 2024-01-02",
            "contractions: I'm, you're, they've, we'll, he'd, it's, don't",
            "Ünïcödé: café, naïve, Straße, Ελληνικά, русский, 日本語のテキスト, 한국어",
            "emoji 🙂👍🏽 and symbols ∑∫√ ← → €£¥",
            "punctuation!!! ??? ... --- \"quoted\" 'single' (parens) [brackets] {braces}",
            "a",
            " ",
            "\n",
            "mixedCASE wordsWithCamelCase and_snake_case and-kebab-case",
            "non\u00a0breaking\u2003spaces");
}
