package io.rlhf4j.platform;

import io.rlhf4j.core.data.Completion;
import io.rlhf4j.core.data.Prompt;

import java.util.List;

/**
 * Produces candidate completions for a prompt; the model engine plugs in here. Called from admin
 * actions and batch jobs, never from an annotator's request, so generation cannot stall the queue.
 */
@FunctionalInterface
public interface CandidateGenerator {
    List<Completion> generate(Prompt prompt, int count);
}
