package io.rlhf4j.core.format;

import io.rlhf4j.core.data.Comparison;
import io.rlhf4j.core.data.DatasetItem;
import io.rlhf4j.core.data.Judgment;
import io.rlhf4j.core.data.RatingJudgment;
import io.rlhf4j.core.data.SafetyFlag;
import io.rlhf4j.core.data.Demonstration;

/** Shared loss accounting of the chosen/rejected formats (hh-rlhf, trl preference). */
final class PairExport {
    private PairExport() {}

    /** Counts the judgments that yield no comparison at all (ratings, flags, demonstrations). */
    static void countUnpairable(DatasetItem item, SkipCounts skipped, String format) {
        for (Judgment j : item.judgments()) {
            switch (j) {
                case RatingJudgment r -> skipped.add("rating: " + format + " has no ratings");
                case SafetyFlag f -> skipped.add("safety_flag: " + format + " has no safety flags");
                case Demonstration d -> skipped.add("demonstration: " + format + " preference data has no demonstrations");
                default -> { }
            }
        }
    }

    static String notPreferred(Comparison c, String format) {
        return c.outcome().name().toLowerCase(java.util.Locale.ROOT) + " comparison: " + format
                + " has only chosen/rejected, no ties or both-bad";
    }
}
