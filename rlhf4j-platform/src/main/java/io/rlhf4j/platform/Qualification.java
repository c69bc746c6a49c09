package io.rlhf4j.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

/**
 * The gate before real work: when a project has qualification items, an annotator must answer all of
 * them, and get at least qualificationPass of them right, before any real or gold task. The verdict
 * is recorded once, so changing the threshold later does not silently requalify anyone.
 */
final class Qualification {
    enum Status { NOT_REQUIRED, PENDING, PASSED, FAILED }

    private final Clock clock;

    Qualification(Clock clock) { this.clock = clock; }

    Status status(Connection c, Project p, String annotatorId) throws SQLException {
        var verdict = Db.one(c, "SELECT passed FROM platform_qualifications WHERE project_id = ? AND annotator_id = ?",
                rs -> rs.getBoolean(1), p.id(), annotatorId);
        if (verdict.isPresent()) return verdict.get() ? Status.PASSED : Status.FAILED;
        long items = Db.count(c, "SELECT COUNT(*) FROM platform_items WHERE project_id = ? AND kind = 'QUALIFICATION'", p.id());
        return items == 0 ? Status.NOT_REQUIRED : Status.PENDING;
    }

    /** Records the verdict once every qualification item is submitted; PENDING while some are open. */
    Status decide(Connection c, Project p, String annotatorId) throws SQLException {
        long items = Db.count(c, "SELECT COUNT(*) FROM platform_items WHERE project_id = ? AND kind = 'QUALIFICATION'", p.id());
        String mine = " FROM platform_assignments a JOIN platform_items i ON i.id = a.item_id WHERE i.project_id = ? AND i.kind = 'QUALIFICATION'"
                + " AND a.annotator_id = ? AND a.state = 'SUBMITTED'";
        long done = Db.count(c, "SELECT COUNT(*)" + mine, p.id(), annotatorId);
        if (done < items) return Status.PENDING;
        long right = Db.count(c, "SELECT COUNT(*)" + mine + " AND a.gold_correct = TRUE", p.id(), annotatorId);
        double score = items == 0 ? 1.0 : (double) right / items;
        boolean passed = score >= p.qualificationPass();
        Db.update(c, "INSERT INTO platform_qualifications (project_id, annotator_id, passed, score, decided_at) VALUES (?,?,?,?,?)",
                p.id(), annotatorId, passed, score, clock.millis());
        return passed ? Status.PASSED : Status.FAILED;
    }
}
