package io.rlhf4j.core.data;

import java.util.Locale;

/** The safety policy categories a reviewer can flag. */
public enum PolicyCategory {
    VIOLENCE, HATE_HARASSMENT, SEXUAL_CONTENT, SELF_HARM, ILLEGAL_ACTIVITY, WEAPONS, PRIVACY, MISINFORMATION,
    DANGEROUS_ADVICE, OTHER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PolicyCategory parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown policy category '" + name + "'");
        }
    }
}
