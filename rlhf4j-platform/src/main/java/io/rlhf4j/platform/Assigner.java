package io.rlhf4j.platform;

import io.rlhf4j.core.data.ExpertiseLevel;
import io.rlhf4j.core.data.Ids;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Chooses the next item for an annotator in one project and leases it. The order of preference:
 * qualification items until the annotator has a verdict, a gold item every goldEvery tasks, then
 * real items: first conversations the annotator continued (multi-turn), then those in domains where
 * the annotator is most expert, then items in domains no (other) expert covers, so experts' domains
 * are kept for them while other work exists, then items closest to full overlap (finishing items
 * beats starting new ones), then oldest. An item is leased under a row lock and its live assignments
 * are recounted, so concurrent requests never exceed overlap N.
 *
 * <p>The cost of a choice does not grow with the project: each item carries its count of live
 * assignments ({@code filled}), and the domains are walked in the annotator's order of preference,
 * each read through an index already in "closest to full, then oldest" order and stopped after a
 * few candidates.
 */
final class Assigner {
    static final String LIVE = "(state = 'SUBMITTED' OR (state = 'LEASED' AND lease_expires_at > ?))";
    private static final int CANDIDATES = 20;
    private static final int SWEEP_BATCH = 100;
    private final Random random;
    private final Random ids;

    /** One item the annotator could get, with what orders it within its tier. */
    private record Candidate(String id, int filled, long createdAt) {}

    private static final Comparator<Candidate> CLOSEST_TO_FULL_THEN_OLDEST = Comparator.comparingInt(Candidate::filled).reversed()
            .thenComparingLong(Candidate::createdAt).thenComparing(Candidate::id);

    /** A seeded {@code random} makes A/B positions and task ids reproducible; null uses secure randomness and UUIDs. */
    Assigner(Random random) {
        this.random = random == null ? new SecureRandom() : random;
        this.ids = random;
    }

    /** The annotator's unexpired lease in the project, if any: they finish what they hold before getting more. */
    static Optional<String> heldLease(Connection c, String projectId, String annotatorId, long now) throws SQLException {
        return Db.one(c, "SELECT a.id FROM platform_assignments a JOIN platform_items i ON i.id = a.item_id"
                + " WHERE a.annotator_id = ? AND a.state = 'LEASED' AND a.lease_expires_at > ? AND i.project_id = ? ORDER BY a.leased_at",
                rs -> rs.getString(1), annotatorId, now, projectId);
    }

    /**
     * Moves leases that ran out to EXPIRED and gives their places back ({@code filled} - 1). Each item
     * is locked before its assignment, the order leasing uses too, and the oldest go first, so two
     * requests sweeping at once take the locks in the same order.
     */
    static void sweepExpired(Connection c, long now) throws SQLException {
        List<String[]> expired = Db.list(c, "SELECT id, item_id FROM platform_assignments WHERE state = 'LEASED' AND lease_expires_at <= ?"
                + " ORDER BY lease_expires_at, id LIMIT " + SWEEP_BATCH, rs -> new String[]{rs.getString(1), rs.getString(2)}, now);
        for (String[] e : expired) {
            Db.list(c, "SELECT id FROM platform_items WHERE id = ? FOR UPDATE", rs -> rs.getString(1), e[1]);
            if (Db.update(c, "UPDATE platform_assignments SET state = 'EXPIRED' WHERE id = ? AND state = 'LEASED' AND lease_expires_at <= ?",
                    e[0], now) == 1) {
                Db.update(c, "UPDATE platform_items SET filled = filled - 1 WHERE id = ?", e[1]);
            }
        }
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
        for (String itemId : candidates(c, p, u)) {
            Optional<String> task = lease(c, p, u, itemId, now, guidelineVersion, p.overlap(), contended);
            if (task.isPresent()) return task;
        }
        return Optional.empty();
    }

    /** Up to CANDIDATES open items in the order of preference (see the class comment). */
    private static List<String> candidates(Connection c, Project p, User u) throws SQLException {
        Set<String> out = new LinkedHashSet<>();
        // A conversation this annotator continued comes back to them first, while they remember it.
        List<Candidate> continued = Db.list(c, "SELECT i.id, i.filled, i.created_at, i.domain FROM platform_project_prompts pp"
                        + " JOIN platform_items i ON i.project_id = pp.project_id AND i.prompt_id = pp.prompt_id"
                        + " WHERE pp.project_id = ? AND pp.continued_by = ? AND i.kind = 'REAL' AND i.filled < ? AND " + notMine("i"),
                rs -> new Candidate(rs.getString(1), rs.getInt(2), rs.getLong(3)), p.id(), u.id(), p.overlap(), u.id());
        continued.stream().sorted(CLOSEST_TO_FULL_THEN_OLDEST).forEach(k -> out.add(k.id()));
        for (List<String> tier : domainTiers(c, p, u)) {
            if (out.size() >= CANDIDATES) break;
            List<Candidate> inTier = new ArrayList<>();
            for (String domain : tier) inTier.addAll(queue(c, p, u, domain));
            inTier.stream().sorted(CLOSEST_TO_FULL_THEN_OLDEST).limit(CANDIDATES).forEach(k -> out.add(k.id()));
        }
        return out.stream().limit(CANDIDATES).toList();
    }

    /**
     * The project's domains grouped by how much the annotator should get their work: most expert
     * first; at equal expertise, domains no other expert covers before those that have one.
     */
    private static List<List<String>> domainTiers(Connection c, Project p, User u) throws SQLException {
        List<String> domains = Db.list(c, "SELECT domain FROM platform_project_domains WHERE project_id = ?", rs -> rs.getString(1), p.id());
        Set<String> covered = new HashSet<>(Db.list(c, "SELECT DISTINCT domain FROM platform_user_expertise"
                + " WHERE level = 'EXPERT' AND user_id <> ?", rs -> rs.getString(1), u.id()));
        Map<Integer, List<String>> tiers = new TreeMap<>(Comparator.reverseOrder());
        for (String d : domains) {
            int preference = u.expertise().getOrDefault(d, ExpertiseLevel.NOVICE).ordinal();
            int tier = preference * 2 + (covered.contains(d) ? 0 : 1);
            tiers.computeIfAbsent(tier, k -> new ArrayList<>()).add(d);
        }
        return new ArrayList<>(tiers.values());
    }

    /** The first open items of one domain the annotator has not worked on, in the queue index's order. */
    private static List<Candidate> queue(Connection c, Project p, User u, String domain) throws SQLException {
        // The constant leading columns are in ORDER BY too, so H2 as well as PostgreSQL reads the
        // queue index in order and stops at the limit instead of sorting the whole domain.
        return Db.list(c, "SELECT i.id, i.filled, i.created_at FROM platform_items i"
                        + " WHERE i.project_id = ? AND i.kind = 'REAL' AND i.domain = ? AND i.filled < ? AND " + notMine("i")
                        + " ORDER BY i.project_id, i.kind, i.domain, i.filled DESC, i.created_at, i.id LIMIT " + CANDIDATES,
                rs -> new Candidate(rs.getString(1), rs.getInt(2), rs.getLong(3)), p.id(), domain, p.overlap(), u.id());
    }

    private static String notMine(String item) {
        return "NOT EXISTS (SELECT 1 FROM platform_assignments a WHERE a.item_id = " + item + ".id AND a.annotator_id = ?"
                + " AND a.state IN ('SUBMITTED', 'LEASED'))";
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
        Optional<String> earlier = Db.one(c, "SELECT state FROM platform_assignments WHERE item_id = ? AND annotator_id = ?",
                rs -> rs.getString(1), itemId, u.id());
        if (earlier.isPresent() && (earlier.get().equals("SUBMITTED") || Db.count(c, "SELECT COUNT(*) FROM platform_assignments"
                + " WHERE item_id = ? AND annotator_id = ? AND " + LIVE, itemId, u.id(), now) > 0)) return Optional.empty();
        Items.Item item = Items.load(c, itemId);
        List<String> shown = item.type() == TaskType.DEMONSTRATION
                ? Db.list(c, "SELECT completion_id FROM platform_candidates WHERE project_id = ? AND prompt_id = ? ORDER BY completion_id",
                rs -> rs.getString(1), p.id(), item.promptId())
                : new ArrayList<>(item.completionIds());
        Collections.shuffle(shown, random);
        String taskId = Ids.random("t", ids);
        long expires = now + p.leaseSeconds() * 1000L;
        if (earlier.isPresent()) {
            // An earlier lease by the same annotator that ran out is reused: the (item, annotator) pair stays unique.
            Db.update(c, "UPDATE platform_assignments SET id = ?, state = 'LEASED', display_order = ?, guideline_version = ?,"
                            + " leased_at = ?, lease_expires_at = ? WHERE item_id = ? AND annotator_id = ?",
                    taskId, String.join(",", shown), guidelineVersion, now, expires, itemId, u.id());
        } else {
            Db.update(c, "INSERT INTO platform_assignments (id, item_id, annotator_id, state, display_order, guideline_version, leased_at,"
                            + " lease_expires_at) VALUES (?,?,?,'LEASED',?,?,?,?)",
                    taskId, itemId, u.id(), String.join(",", shown), guidelineVersion, now, expires);
        }
        // A lease that ran out but was not swept yet still counts in filled; an EXPIRED one does not.
        if (!earlier.map("LEASED"::equals).orElse(false)) Db.update(c, "UPDATE platform_items SET filled = filled + 1 WHERE id = ?", itemId);
        return Optional.of(taskId);
    }
}
