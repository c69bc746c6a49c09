package io.rlhf4j.store.platform;

/**
 * The acknowledgement of a submission. {@code duplicate} is true when this submission key was already
 * accepted for the task: the retry changed nothing. {@code judgmentId} is null for a safety review
 * that found no violation (nothing to flag).
 */
public record SubmitResult(String taskId, String judgmentId, boolean duplicate) {}
