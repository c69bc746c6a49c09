package io.rlhf4j.sim.stories;

import io.rlhf4j.core.data.Prompt;

/**
 * One story opening of the {@link StoryWorld}, with what the gold judge needs to score a continuation.
 *
 * @param prompt    the opening as a one-turn conversation (what the platform stores and shows annotators)
 * @param opening   the opening text itself: the policy continues it directly (no chat template)
 * @param character the named character the story is about ("Lily")
 * @param object    the object the opening gives them, as a single noun ("ball")
 */
public record StoryPrompt(Prompt prompt, String opening, String character, String object) {
    public StoryPrompt {
        if (prompt == null || opening == null || character == null || object == null) {
            throw new IllegalArgumentException("story prompt needs prompt, opening, character and object");
        }
    }

    public String promptId() {
        return prompt.id();
    }
}
