package io.rlhf4j.core.data;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Likert ratings of one completion on some or all rubric dimensions, each in 1..{@code scalePoints}
 * (typically 5 or 7). Dimensions the annotator skipped are simply absent.
 */
public record RatingJudgment(String id, String promptId, String completionId, Map<RubricDimension, Integer> scores,
                             int scalePoints, JudgmentMeta meta) implements Judgment {
    public RatingJudgment {
        Checks.id(id, "rating.id");
        Checks.id(promptId, "rating.prompt_id");
        Checks.id(completionId, "rating.completion_id");
        Checks.present(meta, "rating.meta");
        Checks.range(scalePoints, 2, 11, "rating " + id + ": scale_points");
        if (scores == null || scores.isEmpty()) throw new IllegalArgumentException("rating " + id + ": scores must not be empty");
        EnumMap<RubricDimension, Integer> copy = new EnumMap<>(RubricDimension.class);
        scores.forEach((dimension, score) -> {
            Checks.present(dimension, "rating " + id + ": dimension");
            Checks.present(score, "rating " + id + ": score for " + dimension.wireName());
            copy.put(dimension, Checks.range(score, 1, scalePoints, "rating " + id + ": " + dimension.wireName()));
        });
        scores = java.util.Collections.unmodifiableMap(copy);
    }

    @Override
    public List<String> completionIds() {
        return List.of(completionId);
    }
}
