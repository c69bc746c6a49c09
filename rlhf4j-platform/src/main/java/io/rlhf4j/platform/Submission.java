package io.rlhf4j.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * One submitted task with its item, as the reports read it: who, what kind of item, when, how long,
 * whether a gold answer was matched, which judgment it produced, the order shown and the item's
 * canonical order (so judgments can be compared across annotators who saw different orders).
 */
record Submission(String taskId, String itemId, ItemKind kind, TaskType type, String promptId, String annotatorId,
                  long submittedAt, long timeSpentMs, Boolean goldCorrect, String judgmentId, List<String> shown,
                  List<String> canonical, int guidelineVersion, String payload) {

    static List<Submission> ofProject(Connection c, String projectId) throws SQLException {
        return Db.list(c, "SELECT a.id, a.item_id, i.kind, i.task_type, i.prompt_id, a.annotator_id, a.submitted_at, a.time_spent_ms,"
                        + " a.gold_correct, a.judgment_id, a.display_order, i.completion_ids, a.guideline_version, a.payload"
                        + " FROM platform_assignments a JOIN platform_items i ON i.id = a.item_id"
                        + " WHERE i.project_id = ? AND a.state = 'SUBMITTED' ORDER BY a.submitted_at, a.id",
                rs -> new Submission(rs.getString(1), rs.getString(2), ItemKind.valueOf(rs.getString(3)), TaskType.valueOf(rs.getString(4)),
                        rs.getString(5), rs.getString(6), rs.getLong(7), rs.getLong(8), (Boolean) rs.getObject(9), rs.getString(10),
                        Items.split(rs.getString(11)), Items.split(rs.getString(12)), rs.getInt(13), rs.getString(14)),
                projectId);
    }

    /**
     * This submission's pairwise answer on the 7-point scale oriented to the item's canonical order
     * (negative: the first canonical completion is better); null for anything but a decided pairwise.
     */
    Integer canonicalScale() {
        if (!type.isPairwise() || payload == null) return null;
        JudgmentPayload.Pairwise p = JudgmentPayload.comparison(PayloadJson.read(payload));
        int shownScale = switch (p.choice()) {
            case A -> -p.strength();
            case B -> p.strength();
            case TIE -> 0;
            case BOTH_BAD -> 0;
        };
        if (p.choice() == io.rlhf4j.core.data.PairwiseChoice.BOTH_BAD) return null;
        return shown.get(0).equals(canonical.get(0)) ? shownScale : -shownScale;
    }
}
