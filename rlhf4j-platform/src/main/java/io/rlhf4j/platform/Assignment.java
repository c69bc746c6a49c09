package io.rlhf4j.platform;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** One row of platform_assignments: an item leased to an annotator, and what they submitted. */
record Assignment(String id, String itemId, String annotatorId, String state, List<String> shown, int guidelineVersion,
                  long leaseExpiresAt, String submissionKey, String judgmentId, long leasedAt) {
    private static final String SELECT = "SELECT id, item_id, annotator_id, state, display_order, guideline_version, lease_expires_at,"
            + " submission_key, judgment_id, leased_at FROM platform_assignments WHERE id = ?";

    static Assignment load(Connection c, String id) throws SQLException {
        return Db.one(c, SELECT, Assignment::of, id).orElseThrow(() -> PlatformError.notFound("task " + id));
    }

    /** Loads under a row lock, so concurrent retries of one submission run one after the other. */
    static Assignment lock(Connection c, String id) throws SQLException {
        return Db.one(c, SELECT + " FOR UPDATE", Assignment::of, id).orElseThrow(() -> PlatformError.notFound("task " + id));
    }

    private static Assignment of(ResultSet rs) throws SQLException {
        return new Assignment(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), Items.split(rs.getString(5)),
                rs.getInt(6), rs.getLong(7), rs.getString(8), rs.getString(9), rs.getLong(10));
    }
}
