package io.rlhf4j.platform;

import io.rlhf4j.core.data.Ids;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns a prompt and its candidates into task items, one per unit of work: every pair for pairwise,
 * all candidates for ranking, each candidate for rating and safety, the prompt for demonstration.
 * Items are keyed by what they contain, so building twice (or after more candidates arrive) only
 * adds the missing ones.
 */
final class Items {
    record Item(String id, String projectId, String promptId, String domain, TaskType type, List<String> completionIds,
                ItemKind kind, String goldAnswer) {}

    private Items() {}

    static int build(Connection c, String projectId, Set<TaskType> types, String promptId, String domain,
                     List<String> candidates, long now) throws SQLException {
        List<String> sorted = candidates.stream().sorted().toList();
        int added = 0;
        for (TaskType type : types) {
            switch (type) {
                case PAIRWISE, MULTI_TURN -> {
                    for (int i = 0; i < sorted.size(); i++) {
                        for (int j = i + 1; j < sorted.size(); j++) {
                            added += insert(c, projectId, promptId, domain, type, List.of(sorted.get(i), sorted.get(j)), ItemKind.REAL, null, now);
                        }
                    }
                }
                case RANKING -> {
                    if (sorted.size() >= 2) added += insert(c, projectId, promptId, domain, type, sorted, ItemKind.REAL, null, now);
                }
                case RATING, SAFETY -> {
                    for (String id : sorted) added += insert(c, projectId, promptId, domain, type, List.of(id), ItemKind.REAL, null, now);
                }
                case DEMONSTRATION -> added += insert(c, projectId, promptId, domain, type, List.of(), ItemKind.REAL, null, now);
            }
        }
        return added;
    }

    /** Inserts the item unless one with the same content exists; 1 when it was new. */
    static int insert(Connection c, String projectId, String promptId, String domain, TaskType type, List<String> completionIds,
                      ItemKind kind, String goldAnswer, long now) throws SQLException {
        String key = kind.name() + ":" + type.name() + ":" + promptId + ":" + String.join(",", completionIds);
        if (Db.count(c, "SELECT COUNT(*) FROM platform_items WHERE project_id = ? AND item_key = ?", projectId, key) > 0) return 0;
        Db.update(c, "INSERT INTO platform_items (id, project_id, prompt_id, domain, task_type, completion_ids, kind, gold_answer, item_key, created_at)"
                        + " VALUES (?,?,?,?,?,?,?,?,?,?)",
                Ids.derived("it", projectId, key), projectId, promptId, domain, type.name(), String.join(",", completionIds),
                kind.name(), goldAnswer, key, now);
        registerDomain(c, projectId, domain);
        return 1;
    }

    /**
     * Records the domain among the project's (the assigner walks them). A new domain is inserted under
     * the project's row lock and counted again, so two imports bringing the same new domain at once
     * wait for each other instead of one failing on the primary key.
     */
    private static void registerDomain(Connection c, String projectId, String domain) throws SQLException {
        String present = "SELECT COUNT(*) FROM platform_project_domains WHERE project_id = ? AND domain = ?";
        if (Db.count(c, present, projectId, domain) > 0) return;
        Db.list(c, "SELECT id FROM platform_projects WHERE id = ? FOR UPDATE", rs -> rs.getString(1), projectId);
        if (Db.count(c, present, projectId, domain) == 0) {
            Db.update(c, "INSERT INTO platform_project_domains (project_id, domain) VALUES (?,?)", projectId, domain);
        }
    }

    static Item load(Connection c, String itemId) throws SQLException {
        return Db.one(c, "SELECT id, project_id, prompt_id, domain, task_type, completion_ids, kind, gold_answer FROM platform_items WHERE id = ?",
                rs -> new Item(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), TaskType.valueOf(rs.getString(5)),
                        split(rs.getString(6)), ItemKind.valueOf(rs.getString(7)), rs.getString(8)), itemId)
                .orElseThrow(() -> PlatformError.notFound("item " + itemId));
    }

    static List<String> split(String csv) {
        if (csv == null || csv.isEmpty()) return List.of();
        return new ArrayList<>(List.of(csv.split(",")));
    }
}
