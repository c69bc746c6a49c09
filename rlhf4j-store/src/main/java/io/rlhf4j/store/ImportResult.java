package io.rlhf4j.store;

import java.time.Duration;

/**
 * What an import did: the dataset row afterwards, how many entries the file held, how many pairwise
 * comparisons they imply, and how many rows were new versus already present (a re-import of the
 * same file shows everything present).
 */
public record ImportResult(Dataset dataset, long entries, long comparisons, SaveCounts counts, Duration took) {
    /** e.g. "imported 2312 comparisons (2312 prompts, 4624 completions) into dataset hh: 2312 new, 0 already present". */
    public String summary() {
        return "imported " + comparisons + " comparisons (" + dataset.promptCount() + " prompts, "
                + dataset.completionCount() + " completions, " + dataset.judgmentCount() + " judgments) into dataset "
                + dataset.name() + ": " + counts.newJudgments() + " new, " + counts.presentJudgments()
                + " already present, in " + took.toMillis() + " ms";
    }
}
