package io.rlhf4j.sim;

import java.util.Locale;

/**
 * The task world's domains. The wire name is what goes into {@code Prompt.domain()} and into an
 * annotator's expertise map, so routing in the platform can match tasks to experts by name.
 * SAFETY holds both harmful requests (refuse them) and harmless look-alikes (do not refuse them):
 * telling the two apart is one skill, so it is one domain of expertise.
 */
public enum Domain {
    ARITHMETIC, WORDS, FACTS, UNITS, SAFETY;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Domain parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown sim domain '" + name + "'");
        }
    }
}
