package io.rlhf4j.platform;

import io.rlhf4j.core.data.ExpertiseLevel;
import io.rlhf4j.core.data.Ids;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Chooses the next item for an annotator in one project and leases it. The order of preference:
 * qualification items until the annotator has a verdict, a gold item every goldEvery tasks, then
 * real items: first conversations the annotator continued (multi-turn), then those in domains where the annotator is most expert, then items in domains no
 * (other) expert covers, so experts' domains are kept for them while other work exists, then items closest to
 * full overlap (finishing items beats starting new ones), then oldest. An item is leased under a
 * row lock and its live assignments are recounted, so concurrent requests never exceed overlap N.
 */
final class Assigner {
    static final String LIVE = "(state = 'SUBMITTED' OR (state = 'LEASED' AND lease_expires_at > ?))";
    private static final int CANDIDATES = 20;
    private final Random random;
    private final Random ids;

    /** A seeded {@code random} makes A/B positions and task ids reproducible; null uses secure randomness and UUIDs. */
    Assigner(Random random) {
        this.random = random == null ? new SecureRandom() : random;
        this.ids = random;
    }

    /** The annotator's unexpired lease in the project, if any: they finish what they hold before getting more. */
    static Optional<String> heldLease(Connection c, String projectId, String annotatorId, long now) throws SQLException {
        return Db.one(c, "SELECT a.id FROM platform_assignments a JOIN platform_items i ON i.id = a.item_id"
                + " WHERE i.project_id = ? AND a.annotator_id = ? AND a.state = 'LEASED' AND a.lease_expires_at > ? ORDER BY a.leased_at",
                rs -> rs.getString(1), projectId, annotatorId, now);
    }

    Optional<String> leaseKnownAnswer(Connection c, Project p, User u, ItemKind kind, long now, int guidelineVersion) throws SQLException {
        List<String> ids = Db.list(c, "SELECT i.id FROM platform_items i WHERE i.project_id = ? AND i.kind = ? AND NOT EXISTS"
                        + " (SELECT 1 FROM platform_assignments a WHERE a.item_id = i.id AND a.annotator_id = ? AND " + LIVE + ")"
                        + " ORDER BY i.created_at, i.id",
                rs -> rs.getString(1), p.id(), kind.name(), u.id(), now);
        for (String itemId : ids) {
            Optional<String> task = lease(c, p, u, itemId, now, guidelineVersion, Integer.MAX_VALUE, new boolean[1]);
            if (task.isPresent()) return task;
        }
        return Optional.empty();
    }

    /** Real work for the annotator; sets contended[0] when a candidate was passed over because another request held it. */
    Optional<String> leaseReal(Connection c, Project p, User u, long now, int guidelineVersion, boolean[] contended) throws SQLException {
        String liveA = "(a.state = 'SUBMITTED' OR (a.state = 'LEASED' AND a.lease_expires_at > ?))";
        String filled = "(SELECT COUNT(*) FROM platform_assignments a WHERE a.item_id = i.id AND " + liveA + ")";
        StringBuilder preference = new StringBuilder("CASE WHEN 1 = 0 THEN 0");
        List<Object> params = new ArrayList<>();
        for (var e : u.expertise().entrySet()) {
            preference.append(" WHEN i.domain = ? THEN ").append(e.getValue().ordinal());
            params.add(e.getKey());
        }
        preference.append(" ELSE ").append(ExpertiseLevel.NOVICE.ordinal()).append(" END");
        params.addAll(List.of(now, p.id(), u.id(), now, now, p.overlap()));
        // Work in a domain that has experts goes to non-experts last: they get it only when nothing else is left.
        String reserved = "(CASE WHEN EXISTS (SELECT 1 FROM platform_user_expertise e WHERE e.domain = i.domain AND e.level = 'EXPERT'"
                + " AND e.user_id <> ?) THEN 1 ELSE 0 END)";
        params.add(0, u.id());
        // A conversation this annotator continued comes back to them first, while they remember it.
        String mine = "(CASE WHEN EXISTS (SELECT 1 FROM platform_project_prompts pp WHERE pp.project_id = i.project_id"
                + " AND pp.prompt_id = i.prompt_id AND pp.continued_by = ?) THEN 1 ELSE 0 END)";
        params.add(1, u.id());
        List<String> ids = Db.list(c, "SELECT i.id, " + reserved + " AS reserved, " + mine + " AS mine, " + preference + " AS pref, "
                        + filled + " AS filled FROM platform_items i"
                        + " WHERE i.project_id = ? AND i.kind = 'REAL'"
                        + " AND NOT EXISTS (SELECT 1 FROM platform_assignments a WHERE a.item_id = i.id AND a.annotator_id = ? AND " + liveA + ")"
                        + " AND " + filled + " < ?"
                        + " ORDER BY mine DESC, pref DESC, reserved, filled DESC, i.created_at, i.id LIMIT " + CANDIDATES,
                rs -> rs.getString(1), params.toArray());
        for (String itemId : ids) {
            Optional<String> task = lease(c, p, u, itemId, now, guidelineVersion, p.overlap(), contended);
            if (task.isPresent()) return task;
        }
        return Optional.empty();
    }

    /** Leases the item if, under its row lock, it still has room and this annotator has no live assignment on it. */
    private Optional<String> lease(Connection c, Project p, User u, String itemId, long now, int guidelineVersion, int limit,
                                   boolean[] contended) throws SQLException {
        // SKIP LOCKED: an item another request is leasing right now is passed over, not waited for, so
        // concurrent annotators never queue behind (or deadlock on) each other's candidate lists.
        if (Db.list(c, "SELECT id FROM platform_items WHERE id = ? FOR UPDATE SKIP LOCKED", rs -> rs.getString(1), itemId).isEmpty()) {
            contended[0] = true;
            return Optional.empty();
        }
        long liveCount = Db.count(c, "SELECT COUNT(*) FROM platform_assignments WHERE item_id = ? AND " + LIVE, itemId, now);
        if (liveCount >= limit) return Optional.empty();
        Optional<String> mine = Db.one(c, "SELECT state FROM platform_assignments WHERE item_id = ? AND annotator_id = ? AND " + LIVE, rs -> rs.getString(1), itemId, u.id(), now);
        if (mine.isPresent()) return Optional.empty();
        Items.Item item = Items.load(c, itemId);
        List<String> shown = item.type() == TaskType.DEMONSTRATION
                ? Db.list(c, "SELECT completion_id FROM platform_candidates WHERE project_id = ? AND prompt_id = ? ORDER BY completion_id",
                rs -> rs.getString(1), p.id(), item.promptId())
                : new ArrayList<>(item.completionIds());
        Collections.shuffle(shown, random);
        String taskId = Ids.random("t", ids);
        long expires = now + p.leaseSeconds() * 1000L;
        // An expired earlier lease by the same annotator is reused: the (item, annotator) pair stays unique.
        int reused = Db.update(c, "UPDATE platform_assignments SET id = ?, state = 'LEASED', display_order = ?, guideline_version = ?,"
                        + " leased_at = ?, lease_expires_at = ? WHERE item_id = ? AND annotator_id = ? AND state <> 'SUBMITTED'",
                taskId, String.join(",", shown), guidelineVersion, now, expires, itemId, u.id());
        if (reused == 0) {
            Db.update(c, "INSERT INTO platform_assignments (id, item_id, annotator_id, state, display_order, guideline_version, leased_at,"
                            + " lease_expires_at) VALUES (?,?,?,'LEASED',?,?,?,?)",
                    taskId, itemId, u.id(), String.join(",", shown), guidelineVersion, now, expires);
        }
        return Optional.of(taskId);
    }
}
