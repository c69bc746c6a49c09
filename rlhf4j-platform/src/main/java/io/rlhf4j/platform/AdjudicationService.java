package io.rlhf4j.platform;

import io.rlhf4j.core.data.Completion;
import io.rlhf4j.core.data.Turn;
import io.rlhf4j.store.Store;
import io.rlhf4j.store.Tx;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The reviewers' queue: real items on which annotators disagree (see {@link Answers#agree}), oldest
 * first, until a reviewer accepts one of the submitted answers as the item's label. Reviewers see
 * who answered what and the candidates in canonical order (numbered 1, 2, ...), never the models.
 */
public final class AdjudicationService {
    public record Answer(String taskId, String annotatorId, String username, String summary) {}

    public record Dispute(String itemId, TaskType taskType, String domain, List<Turn> conversation, List<String> candidates,
                          List<Answer> answers) {}

    public record Decision(String itemId, String reviewerId, String acceptedTaskId, String acceptedAnnotatorId, String note,
                           long decidedAt) {}

    public static final int MAX_NOTE = 2000;
    private final Db db;
    private final Clock clock;

    public AdjudicationService(Store store, Clock clock) {
        this.db = new Db(store);
        this.clock = clock;
    }

    /** Disputed items not yet adjudicated, at most {@code limit}. */
    public List<Dispute> queue(String projectId, int limit) {
        return db.tx(t -> {
            ProjectService.load(t.connection(), projectId);
            Map<String, String> usernames = new LinkedHashMap<>();
            for (String[] r : Db.list(t.connection(), "SELECT id, username FROM platform_users", rs -> new String[]{rs.getString(1), rs.getString(2)})) {
                usernames.put(r[0], r[1]);
            }
            Set<String> decided = new HashSet<>(Db.list(t.connection(), "SELECT item_id FROM platform_adjudications WHERE project_id = ?",
                    rs -> rs.getString(1), projectId));
            List<Dispute> out = new ArrayList<>();
            for (List<Submission> onItem : byItem(Submission.ofProject(t.connection(), projectId)).values()) {
                if (out.size() >= limit) break;
                Submission first = onItem.get(0);
                if (decided.contains(first.itemId()) || !Answers.disputed(onItem)) continue;
                out.add(dispute(t, first, onItem, usernames));
            }
            return out;
        });
    }

    /** Accepts one submitted answer as the disputed item's label. CONFLICT if the item was already decided. */
    public Decision adjudicate(String projectId, String itemId, String reviewerId, String acceptedTaskId, String note) {
        Validate.text(acceptedTaskId, "accept_task_id", 64);
        String n = Validate.optionalText(note, "note", MAX_NOTE);
        return db.tx(t -> {
            Items.Item item = Items.load(t.connection(), itemId);
            if (!item.projectId().equals(projectId)) throw PlatformError.notFound("item " + itemId + " in project " + projectId);
            if (item.kind() != ItemKind.REAL) throw PlatformError.invalid("item", "gold and qualification items have known answers");
            Optional<String> annotator = Db.one(t.connection(), "SELECT annotator_id FROM platform_assignments WHERE id = ? AND item_id = ?"
                    + " AND state = 'SUBMITTED'", rs -> rs.getString(1), acceptedTaskId, itemId);
            if (annotator.isEmpty()) throw PlatformError.invalid("accept_task_id", "is not a submitted answer on item " + itemId);
            if (Db.count(t.connection(), "SELECT COUNT(*) FROM platform_adjudications WHERE item_id = ?", itemId) > 0) {
                throw PlatformError.conflict("item " + itemId + " was already adjudicated");
            }
            long now = clock.millis();
            Db.update(t.connection(), "INSERT INTO platform_adjudications (item_id, project_id, reviewer_id, accepted_task_id, note, decided_at)"
                    + " VALUES (?,?,?,?,?,?)", itemId, projectId, reviewerId, acceptedTaskId, n, now);
            return new Decision(itemId, reviewerId, acceptedTaskId, annotator.get(), n, now);
        });
    }

    /** The decisions of a project by item id. */
    static Map<String, Decision> decisions(Tx t, String projectId) throws SQLException {
        Map<String, Decision> out = new LinkedHashMap<>();
        for (Decision d : Db.list(t.connection(), "SELECT d.item_id, d.reviewer_id, d.accepted_task_id, a.annotator_id, d.note, d.decided_at"
                        + " FROM platform_adjudications d JOIN platform_assignments a ON a.id = d.accepted_task_id WHERE d.project_id = ?",
                rs -> new Decision(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6)),
                projectId)) {
            out.put(d.itemId(), d);
        }
        return out;
    }

    static Map<String, List<Submission>> byItem(List<Submission> subs) {
        Map<String, List<Submission>> byItem = new LinkedHashMap<>();
        for (Submission s : subs) {
            if (s.kind() == ItemKind.REAL) byItem.computeIfAbsent(s.itemId(), k -> new ArrayList<>()).add(s);
        }
        return byItem;
    }

    private static Dispute dispute(Tx t, Submission first, List<Submission> onItem, Map<String, String> usernames) throws SQLException {
        var prompt = t.prompts().find(first.promptId()).orElseThrow(() -> PlatformError.notFound("prompt " + first.promptId()));
        List<String> texts = new ArrayList<>();
        for (String id : first.canonical()) texts.add(t.completions().find(id).map(Completion::text).orElse(""));
        List<Answer> answers = onItem.stream()
                .map(s -> new Answer(s.taskId(), s.annotatorId(), usernames.getOrDefault(s.annotatorId(), s.annotatorId()), Answers.describe(s)))
                .toList();
        return new Dispute(first.itemId(), first.type(), prompt.domain(), prompt.conversation().turns(), texts, answers);
    }
}
