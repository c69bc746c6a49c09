package io.rlhf4j.platform;

import java.util.Locale;

/**
 * The kinds of work a project can ask for; each becomes one kind of core Judgment. MULTI_TURN is a
 * pairwise comparison of two candidates for the next assistant turn of a conversation, after which
 * the annotator may write the next user turn: that continues the conversation as a new prompt whose
 * candidates the model generates, and which comes back to the same annotator first.
 */
public enum TaskType {
    PAIRWISE, RANKING, RATING, SAFETY, DEMONSTRATION, MULTI_TURN;

    /** Whether the task compares two shown candidates on the 7-point scale. */
    public boolean isPairwise() { return this == PAIRWISE || this == MULTI_TURN; }

    public String wireName() { return name().toLowerCase(Locale.ROOT); }

    public static TaskType parse(String s, String field) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw PlatformError.invalid(field, "unknown task type '" + s + "' (expected pairwise, ranking, rating, safety, demonstration or multi_turn)");
        }
    }
}
