package io.rlhf4j.platform;

import io.rlhf4j.store.Store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who may work on a project. A members-only project is seen and worked on by its members (and by
 * admins and reviewers, who run and check projects); an open one by every annotator. Projects made
 * through the web API are members-only unless the admin opens them.
 */
public final class Membership {
    private final Db db;

    public Membership(Store store) {
        this.db = new Db(store);
    }

    /** Makes the project members-only (or open) with exactly these members (user ids). */
    public void set(String projectId, boolean membersOnly, Collection<String> userIds) {
        Set<String> ids = new LinkedHashSet<>(userIds);
        db.tx(t -> {
            Connection c = t.connection();
            ProjectService.load(c, projectId);
            for (String id : ids) AccountService.load(c, id).orElseThrow(() -> PlatformError.invalid("members", "no such user " + id));
            Db.update(c, "UPDATE platform_projects SET members_only = ? WHERE id = ?", membersOnly, projectId);
            Db.update(c, "DELETE FROM platform_project_members WHERE project_id = ?", projectId);
            for (String id : ids) Db.update(c, "INSERT INTO platform_project_members (project_id, user_id) VALUES (?,?)", projectId, id);
            return null;
        });
    }

    /** The project's members' user ids. */
    public List<String> members(String projectId) {
        return db.list("SELECT user_id FROM platform_project_members WHERE project_id = ? ORDER BY user_id", rs -> rs.getString(1), projectId);
    }

    /** The projects the user may work on, oldest first. */
    public List<Project> visibleTo(User u) {
        return db.tx(t -> {
            List<Project> out = new java.util.ArrayList<>();
            for (String id : visibleIds(t.connection(), u)) out.add(ProjectService.load(t.connection(), id));
            return out;
        });
    }

    static List<String> visibleIds(Connection c, User u) throws SQLException {
        if (u.role().canReview()) return Db.list(c, "SELECT id FROM platform_projects ORDER BY created_at, id", rs -> rs.getString(1));
        return Db.list(c, "SELECT p.id FROM platform_projects p WHERE p.members_only = FALSE OR EXISTS"
                + " (SELECT 1 FROM platform_project_members m WHERE m.project_id = p.id AND m.user_id = ?) ORDER BY p.created_at, p.id",
                rs -> rs.getString(1), u.id());
    }

    /** Refuses (FORBIDDEN) an annotator who is not a member of a members-only project. */
    static void requireMayWork(Connection c, Project p, User u) throws SQLException {
        if (!p.membersOnly() || u.role().canReview()) return;
        if (Db.count(c, "SELECT COUNT(*) FROM platform_project_members WHERE project_id = ? AND user_id = ?", p.id(), u.id()) == 0) {
            throw PlatformError.forbidden("you are not a member of project " + p.id());
        }
    }
}
