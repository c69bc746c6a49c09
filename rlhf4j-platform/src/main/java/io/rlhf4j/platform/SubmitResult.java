package io.rlhf4j.platform;

/**
 * The acknowledgement of a submission. {@code duplicate} is true when this submission key was already
 * accepted for the task: the retry changed nothing. {@code judgmentId} is null for a safety review
 * that found no violation (nothing to flag). {@code continuation} is set when a multi-turn answer
 * continued the conversation: the new prompt, which needs candidates before it can be judged.
 */
public record SubmitResult(String taskId, String judgmentId, boolean duplicate, Continuation continuation) {
    public record Continuation(String projectId, String promptId) {}

    public SubmitResult(String taskId, String judgmentId, boolean duplicate) {
        this(taskId, judgmentId, duplicate, null);
    }
}
