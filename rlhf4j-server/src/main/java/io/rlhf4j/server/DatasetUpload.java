package io.rlhf4j.server;

import io.rlhf4j.core.data.Completion;
import io.rlhf4j.core.data.DatasetEntry;
import io.rlhf4j.core.data.DatasetItem;
import io.rlhf4j.core.data.Prompt;
import io.rlhf4j.core.format.DatasetFormat;
import io.rlhf4j.core.format.DatasetFormatException;
import io.rlhf4j.core.format.DatasetReader;
import io.rlhf4j.core.format.Formats;
import io.rlhf4j.platform.PlatformError;
import io.rlhf4j.platform.ProjectService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Imports an uploaded dataset file (hh-rlhf, trl or native rlhf4j JSONL) into a project through the
 * foundation's readers: its prompts join the project and its completions become candidates. Any
 * judgments in the file are not imported here: the project collects its own.
 */
final class DatasetUpload {
    private DatasetUpload() {}

    static Map<String, Object> importInto(ProjectService projects, String projectId, String formatName, String content) {
        DatasetFormat format;
        try {
            format = DatasetFormat.parse(formatName);
        } catch (IllegalArgumentException e) {
            throw PlatformError.invalid("format", e.getMessage());
        }
        List<Prompt> prompts = new ArrayList<>();
        List<Completion> candidates = new ArrayList<>();
        Path file = null;
        try {
            file = Files.createTempFile("rlhf4j-upload", ".jsonl");
            Files.writeString(file, content, StandardCharsets.UTF_8);
            try (DatasetReader reader = Formats.open(format, file)) {
                for (DatasetEntry e = reader.next(); e != null; e = reader.next()) {
                    if (e instanceof DatasetItem item) {
                        prompts.add(item.prompt());
                        candidates.addAll(item.completions());
                    }
                }
            }
        } catch (DatasetFormatException e) {
            throw PlatformError.invalid("content", e.getMessage().replace(file.toString(), "upload"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) file.toFile().delete();
        }
        int added = projects.addPrompts(projectId, prompts);
        int items = candidates.isEmpty() ? 0 : projects.attachCandidates(projectId, candidates);
        return Map.of("added", added, "candidates", candidates.size(), "items_created", items,
                "prompt_ids", prompts.stream().map(Prompt::id).distinct().toList());
    }
}
