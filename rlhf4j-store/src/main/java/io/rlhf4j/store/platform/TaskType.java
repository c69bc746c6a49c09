package io.rlhf4j.store.platform;

import java.util.Locale;

/** The kinds of work a project can ask for; each becomes one kind of core Judgment. */
public enum TaskType {
    PAIRWISE, RANKING, RATING, SAFETY, DEMONSTRATION;

    public String wireName() { return name().toLowerCase(Locale.ROOT); }

    public static TaskType parse(String s, String field) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw PlatformError.invalid(field, "unknown task type '" + s + "' (expected pairwise, ranking, rating, safety or demonstration)");
        }
    }
}
