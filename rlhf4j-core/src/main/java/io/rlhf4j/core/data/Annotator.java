package io.rlhf4j.core.data;

import java.util.Map;
import java.util.TreeMap;

/**
 * A person (or simulated person) who gives feedback, with their expertise per domain. A domain
 * not listed counts as {@link ExpertiseLevel#NOVICE}.
 */
public record Annotator(String id, String displayName, Map<String, ExpertiseLevel> expertise) implements DatasetEntry {
    public Annotator {
        Checks.id(id, "annotator.id");
        displayName = displayName == null || displayName.isBlank() ? id : displayName;
        expertise = expertise == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(expertise));
        expertise.forEach((domain, level) -> {
            Checks.id(domain, "annotator " + id + ": expertise domain");
            Checks.present(level, "annotator " + id + ": expertise level for " + domain);
        });
    }

    public ExpertiseLevel levelIn(String domain) {
        return expertise.getOrDefault(domain, ExpertiseLevel.NOVICE);
    }
}
