package io.rlhf4j.core.data;

import java.util.Locale;

/** Who speaks a turn, with the lower-case names the chat formats of the field use. */
public enum Role {
    SYSTEM, USER, ASSISTANT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "system"/"user"/"assistant" (also HH-RLHF's "human"); the message names what was wrong. */
    public static Role parse(String name) {
        if (name == null) throw new IllegalArgumentException("role is required");
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "system" -> SYSTEM;
            case "user", "human" -> USER;
            case "assistant" -> ASSISTANT;
            default -> throw new IllegalArgumentException("unknown role '" + name + "' (expected system, user or assistant)");
        };
    }
}
