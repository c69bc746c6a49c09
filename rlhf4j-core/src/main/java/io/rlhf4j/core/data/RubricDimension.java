package io.rlhf4j.core.data;

import java.util.Locale;

/** The dimensions a response is rated on. VERBOSITY is rated "too short ... too long", mid-scale best. */
public enum RubricDimension {
    HELPFULNESS, ACCURACY, HARMLESSNESS, INSTRUCTION_FOLLOWING, VERBOSITY;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RubricDimension parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown rubric dimension '" + name + "' (expected one of "
                    + java.util.Arrays.stream(values()).map(RubricDimension::wireName).toList() + ")");
        }
    }
}
