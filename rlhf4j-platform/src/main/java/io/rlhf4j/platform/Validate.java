package io.rlhf4j.platform;

import java.util.regex.Pattern;

/** Input checks shared by the services; each failure names the field, which the API passes on. */
final class Validate {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");

    private Validate() {}

    static String text(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) throw PlatformError.invalid(field, "is required");
        if (value.length() > maxLength) throw PlatformError.invalid(field, "must be at most " + maxLength + " characters");
        return value;
    }

    static String optionalText(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) return null;
        return text(value, field, maxLength);
    }

    static String name(String value, String field) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw PlatformError.invalid(field, "must be 1-64 letters, digits or _ . @ -");
        }
        return value;
    }

    static int range(int value, int min, int max, String field) {
        if (value < min || value > max) throw PlatformError.invalid(field, "must be in [" + min + ", " + max + "]");
        return value;
    }
}
