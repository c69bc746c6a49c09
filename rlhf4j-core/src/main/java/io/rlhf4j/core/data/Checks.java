package io.rlhf4j.core.data;

import java.util.Collection;

/** Constructor checks shared by the records; messages name the record and field that failed. */
final class Checks {
    private Checks() {}

    static String id(String value, String where) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException(where + " must be a non-blank id");
        if (value.length() > 200) throw new IllegalArgumentException(where + " is longer than 200 characters");
        return value;
    }

    static <T> T present(T value, String where) {
        if (value == null) throw new IllegalArgumentException(where + " is required");
        return value;
    }

    static String text(String value, String where) {
        if (value == null) throw new IllegalArgumentException(where + " is required");
        return value;
    }

    static <C extends Collection<?>> C nonEmpty(C values, String where) {
        if (values == null || values.isEmpty()) throw new IllegalArgumentException(where + " must not be empty");
        for (Object v : values) if (v == null) throw new IllegalArgumentException(where + " contains a null");
        return values;
    }

    static int range(int value, int min, int max, String where) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(where + " must be in [" + min + ", " + max + "], was " + value);
        }
        return value;
    }
}
