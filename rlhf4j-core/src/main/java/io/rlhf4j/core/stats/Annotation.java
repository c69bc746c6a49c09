package io.rlhf4j.core.stats;

import java.util.Objects;

/**
 * One annotator's label for one item, for agreement and annotator-reliability estimates. Labels are category
 * positions 0..K-1 (for a preference pair e.g. 0 = A better, 1 = B better, 2 = tie).
 */
public record Annotation(String item, String annotator, int label) {
    public Annotation {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(annotator, "annotator");
        if (label < 0) {
            throw new IllegalArgumentException("label must be a category position >= 0, got " + label);
        }
    }
}
