package io.rlhf4j.platform;

import io.rlhf4j.core.data.Annotator;
import io.rlhf4j.core.data.ExpertiseLevel;

import java.util.Map;

/** An account. Its id is the annotator id recorded on every judgment the person gives. A disabled account cannot log in. */
public record User(String id, String username, String displayName, UserRole role,
                   Map<String, ExpertiseLevel> expertise, boolean disabled) {
    public User {
        expertise = expertise == null ? Map.of() : Map.copyOf(expertise);
    }

    public Annotator asAnnotator() {
        return new Annotator(id, displayName, expertise);
    }

    public ExpertiseLevel levelIn(String domain) {
        return expertise.getOrDefault(domain, ExpertiseLevel.NOVICE);
    }
}
