package io.rlhf4j.platform;

/** Whether a project asks annotators to explain their judgments, and how much at least. */
public record JustificationPolicy(Mode mode, int minLength) {
    public enum Mode { NONE, OPTIONAL, REQUIRED }

    public static final int MAX_LENGTH = 5000;

    public JustificationPolicy {
        if (mode == null) throw PlatformError.invalid("justification", "is required");
        Validate.range(minLength, 0, 1000, "justification_min_length");
    }

    /** The justification to record, or a refusal naming the field when it breaks the policy. */
    String check(String text) {
        String t = text == null || text.isBlank() ? null : text.strip();
        if (t != null && t.length() > MAX_LENGTH) throw PlatformError.invalid("justification", "must be at most " + MAX_LENGTH + " characters");
        if (mode == Mode.REQUIRED && (t == null || t.length() < minLength)) {
            throw PlatformError.invalid("justification", "is required, at least " + minLength + " characters");
        }
        if (mode == Mode.OPTIONAL && t != null && t.length() < minLength) {
            throw PlatformError.invalid("justification", "must be at least " + minLength + " characters when given");
        }
        return mode == Mode.NONE ? null : t;
    }
}
