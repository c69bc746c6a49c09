package io.rlhf4j.core.format;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a writer could not express, counted by reason, so exports report losses instead of hiding them. */
final class SkipCounts {
    private final Map<String, Long> counts = new LinkedHashMap<>();

    void add(String reason) {
        counts.merge(reason, 1L, Long::sum);
    }

    Map<String, Long> snapshot() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }
}
