package io.rlhf4j.platform;

/**
 * What an account may do. Admins run projects; reviewers see dashboards, exports and everyone's
 * judgments; annotators see only their own tasks.
 */
public enum UserRole {
    ADMIN, REVIEWER, ANNOTATOR;

    public boolean canReview() { return this == ADMIN || this == REVIEWER; }
}
