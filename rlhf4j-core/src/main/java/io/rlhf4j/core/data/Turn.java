package io.rlhf4j.core.data;

/** One message of a conversation. Content is kept byte for byte: no trimming, no normalisation. */
public record Turn(Role role, String content) {
    public Turn {
        Checks.present(role, "turn.role");
        Checks.text(content, "turn.content");
    }

    public static Turn system(String content) { return new Turn(Role.SYSTEM, content); }
    public static Turn user(String content) { return new Turn(Role.USER, content); }
    public static Turn assistant(String content) { return new Turn(Role.ASSISTANT, content); }
}
