package io.rlhf4j.store;

/**
 * How many rows a save or import added versus found already present, per kind of row. Ids are
 * content-derived, so "present" means an identical row was stored before.
 */
public record SaveCounts(long newPrompts, long presentPrompts, long newCompletions, long presentCompletions,
                         long newJudgments, long presentJudgments, long newAnnotators) {
    public static final SaveCounts NONE = new SaveCounts(0, 0, 0, 0, 0, 0, 0);

    public SaveCounts plus(SaveCounts o) {
        return new SaveCounts(newPrompts + o.newPrompts, presentPrompts + o.presentPrompts,
                newCompletions + o.newCompletions, presentCompletions + o.presentCompletions,
                newJudgments + o.newJudgments, presentJudgments + o.presentJudgments, newAnnotators + o.newAnnotators);
    }
}
