package io.rlhf4j.train.sft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Raw documents for pretraining: a {@code .jsonl} file of {@code {"text": ...}} objects, or any
 * other text file split at blank lines into paragraphs.
 */
public final class TextDocuments {
    private TextDocuments() { }

    public static List<String> read(Path file) throws IOException {
        List<String> docs = new ArrayList<>();
        if (file.getFileName().toString().endsWith(".jsonl")) {
            ObjectMapper json = new ObjectMapper();
            int line = 0;
            for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                line++;
                if (l.isBlank()) continue;
                JsonNode text = json.readTree(l).get("text");
                if (text == null || !text.isTextual()) {
                    throw new IOException(file + ":" + line + ": expected an object with a string \"text\"");
                }
                docs.add(text.asText());
            }
        } else {
            for (String para : Files.readString(file, StandardCharsets.UTF_8).split("\\n\\s*\\n")) {
                if (!para.isBlank()) docs.add(para.strip());
            }
        }
        if (docs.isEmpty()) throw new IOException(file + ": no text");
        return docs;
    }
}
