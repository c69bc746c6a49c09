package io.rlhf4j.platform;

import io.rlhf4j.core.data.Demonstration;
import io.rlhf4j.core.data.Judgment;
import io.rlhf4j.core.data.JudgmentMeta;
import io.rlhf4j.core.data.PairwiseJudgment;
import io.rlhf4j.core.data.RankingJudgment;
import io.rlhf4j.core.data.RatingJudgment;
import io.rlhf4j.core.data.SafetyFlag;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Maps a submitted payload, whose candidates are shown positions, to the core judgment about
 * completion ids, using the order recorded when the task was leased. Returns null for a safety
 * review without a violation. Validation failures name the payload field.
 */
final class JudgmentFactory {
    private JudgmentFactory() {}

    static Judgment build(String judgmentId, String promptId, TaskType type, List<String> shown, JudgmentPayload payload,
                          JudgmentMeta meta) {
        // A plain comparison is a complete answer to a multi-turn task too (the annotator chose not to continue).
        if (payload.taskType() != type && !(type == TaskType.MULTI_TURN && payload instanceof JudgmentPayload.Pairwise)) {
            throw PlatformError.invalid("task_type", "this task is " + type.wireName() + ", the payload is " + payload.taskType().wireName());
        }
        try {
            return switch (payload) {
                case JudgmentPayload.Pairwise p -> new PairwiseJudgment(judgmentId, promptId, shown.get(0), shown.get(1),
                        p.choice(), p.strength(), meta);
                case JudgmentPayload.MultiTurn m -> new PairwiseJudgment(judgmentId, promptId, shown.get(0), shown.get(1),
                        m.choice(), m.strength(), meta);
                case JudgmentPayload.Ranking r -> new RankingJudgment(judgmentId, promptId, tiers(r.tiers(), shown), meta);
                case JudgmentPayload.Rating r -> new RatingJudgment(judgmentId, promptId, shown.get(0), r.scores(), r.scalePoints(), meta);
                case JudgmentPayload.Safety s -> s.category() == null ? null
                        : new SafetyFlag(judgmentId, promptId, shown.get(0), s.category(), requireSeverity(s), meta);
                case JudgmentPayload.Demonstration d -> new Demonstration(judgmentId, promptId,
                        Validate.text(d.text(), "text", 20_000), d.editedFrom() == null ? null : position(d.editedFrom(), shown, "edited_from"), meta);
            };
        } catch (PlatformError e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw PlatformError.invalid(fieldOf(payload), e.getMessage());
        }
    }

    /** Every shown position exactly once: a partial ranking would silently drop responses. */
    private static List<List<String>> tiers(List<List<Integer>> tiers, List<String> shown) {
        List<List<String>> out = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (List<Integer> tier : tiers) {
            if (tier.isEmpty()) throw PlatformError.invalid("tiers", "a tier must not be empty");
            List<String> ids = new ArrayList<>();
            for (Integer p : tier) {
                if (!seen.add(p)) throw PlatformError.invalid("tiers", "position " + p + " ranked twice");
                ids.add(position(p, shown, "tiers"));
            }
            out.add(ids);
        }
        if (seen.size() != shown.size()) throw PlatformError.invalid("tiers", "must rank all " + shown.size() + " responses");
        return out;
    }

    private static String position(Integer p, List<String> shown, String field) {
        if (p == null || p < 0 || p >= shown.size()) throw PlatformError.invalid(field, "position must be in [0, " + (shown.size() - 1) + "]");
        return shown.get(p);
    }

    private static io.rlhf4j.core.data.Severity requireSeverity(JudgmentPayload.Safety s) {
        if (s.severity() == null) throw PlatformError.invalid("severity", "is required when a category is flagged");
        return s.severity();
    }

    private static String fieldOf(JudgmentPayload p) {
        return switch (p) {
            case JudgmentPayload.Pairwise x -> "strength";
            case JudgmentPayload.MultiTurn x -> "strength";
            case JudgmentPayload.Ranking x -> "tiers";
            case JudgmentPayload.Rating x -> "scores";
            case JudgmentPayload.Safety x -> "category";
            case JudgmentPayload.Demonstration x -> "text";
        };
    }
}
