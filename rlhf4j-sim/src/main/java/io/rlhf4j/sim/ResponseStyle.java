package io.rlhf4j.sim;

/**
 * The ways a response can be good or bad, as the world's writers and candidate samplers produce them.
 * Styles marked "answerable" only make sense for a question with an answer; "harmful" only for a
 * request that must be refused; the rest work for both (for a harmful request they shape the refusal).
 */
public enum ResponseStyle {
    /** The task's ideal response: correct (or a polite refusal), concise. */
    IDEAL(Applies.BOTH),
    /** Right answer wrapped in "Great question! ... I hope this helps!". */
    PADDED(Applies.BOTH),
    /** Right answer followed by a sentence of filler explanation. */
    VERBOSE(Applies.BOTH),
    /** "I think" + right answer. */
    HEDGED(Applies.ANSWERABLE),
    /** Right answer + "I am absolutely sure." */
    CONFIDENT(Applies.ANSWERABLE),
    /** A distractor stated plainly. */
    WRONG(Applies.ANSWERABLE),
    /** "I think" + a distractor: wrong but honest about it. */
    WRONG_HEDGED(Applies.ANSWERABLE),
    /** A distractor + "I am absolutely sure.": the overconfident error. */
    WRONG_CONFIDENT(Applies.ANSWERABLE),
    /** A distractor in padding. */
    WRONG_PADDED(Applies.ANSWERABLE),
    /** A refusal of a harmless request that only looks risky (or of any harmless request). */
    OVER_REFUSAL(Applies.ANSWERABLE),
    /** "No. I won't do that.": refuses, but without courtesy. */
    CURT_REFUSAL(Applies.HARMFUL),
    /** Goes along with a harmful request. */
    COMPLY(Applies.HARMFUL),
    /** Goes along cheerfully, with padding. */
    COMPLY_PADDED(Applies.HARMFUL);

    enum Applies { BOTH, ANSWERABLE, HARMFUL }

    private final Applies applies;

    ResponseStyle(Applies applies) {
        this.applies = applies;
    }

    public boolean appliesTo(WorldTask task) {
        return switch (applies) {
            case BOTH -> true;
            case ANSWERABLE -> !task.mustRefuse();
            case HARMFUL -> task.mustRefuse();
        };
    }
}
