package io.rlhf4j.store;

import java.time.Instant;

/**
 * A named dataset: where it came from (format, file, the file's SHA-256) and how much of the store
 * it holds. {@code sourcePath} and {@code contentSha256} are null for data not read from a file.
 */
public record Dataset(String name, String format, String sourcePath, String contentSha256, Instant importedAt,
                      long promptCount, long completionCount, long judgmentCount) {}
