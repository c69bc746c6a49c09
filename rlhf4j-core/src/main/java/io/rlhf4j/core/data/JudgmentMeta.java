package io.rlhf4j.core.data;

import java.time.Duration;
import java.time.Instant;

/**
 * Who gave a judgment, when, under which guideline version and how long it took, with the free-text
 * justification they wrote (null when none). Every judgment carries one, because quality control
 * and lineage ("which judgments shaped this model?") need all of it.
 */
public record JudgmentMeta(String annotatorId, Instant createdAt, String guidelineVersion, Duration timeSpent,
                           String justification) {
    public JudgmentMeta {
        Checks.id(annotatorId, "judgment.annotator_id");
        Checks.present(createdAt, "judgment.created_at");
        guidelineVersion = guidelineVersion == null || guidelineVersion.isBlank() ? "unversioned" : guidelineVersion;
        timeSpent = timeSpent == null ? Duration.ZERO : timeSpent;
        if (timeSpent.isNegative()) throw new IllegalArgumentException("judgment.time_spent must not be negative");
        if (justification != null && justification.isBlank()) justification = null;
    }

    public static JudgmentMeta of(String annotatorId, Instant createdAt) {
        return new JudgmentMeta(annotatorId, createdAt, null, null, null);
    }

    public JudgmentMeta withJustification(String text) {
        return new JudgmentMeta(annotatorId, createdAt, guidelineVersion, timeSpent, text);
    }
}
