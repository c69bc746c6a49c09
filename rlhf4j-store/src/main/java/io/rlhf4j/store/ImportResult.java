package io.rlhf4j.store;

import io.rlhf4j.core.format.DuplicateLines;

import java.time.Duration;

/**
 * What an import did: the dataset row afterwards, how many entries the file held, how many pairwise
 * comparisons they imply, how many rows were new versus already present (a re-import of the same
 * file shows everything present), and the lines skipped as repeats of earlier lines.
 */
public record ImportResult(Dataset dataset, long entries, long comparisons, SaveCounts counts,
                           DuplicateLines duplicates, Duration took) {
    /**
     * e.g. "imported 2312 comparisons (2312 prompts, 4624 completions, 2312 judgments) into dataset hh:
     * 2312 new, 0 already present, in 900 ms", then the skipped repeats on a line of their own.
     */
    public String summary() {
        String s = "imported " + comparisons + " comparisons (" + dataset.promptCount() + " prompts, "
                + dataset.completionCount() + " completions, " + dataset.judgmentCount() + " judgments) into dataset "
                + dataset.name() + ": " + counts.newJudgments() + " new, " + counts.presentJudgments()
                + " already present, in " + took.toMillis() + " ms";
        if (duplicates.count() > 0) {
            s += "\n" + duplicates.describe() + ": a repeated line is not a second judgment (--keep-duplicates imports them)";
        }
        return s;
    }
}
