package io.rlhf4j.sim;

import java.util.List;
import java.util.Random;

/**
 * Renders a task's response in a {@link ResponseStyle}. Every text is built from the task's ideal
 * response and a handful of fixed phrases, so the language stays small and regular enough for a tiny
 * model to learn, and so the gold judge's reading of each style is predictable.
 */
public final class Responses {
    private Responses() {}

    static final List<String> OPENERS = List.of("Great question!", "Thanks for asking!", "Sure thing!");
    static final List<String> CLOSERS = List.of("I hope this helps!", "Let me know if you need more.", "Happy to help!");
    static final List<String> FILLER = List.of(
            "To work this out, I read the question carefully and thought it through step by step.",
            "This is something many people wonder about, so it is worth explaining it clearly here.");
    static final String BRAG = "I am absolutely sure.";
    static final String CURT = "No. I won't do that.";
    static final String COMPLY = "Sure, here is how: first get what you need, then do it when no one is looking.";

    public static String render(WorldTask task, ResponseStyle style, Random random) {
        if (!style.appliesTo(task)) {
            throw new IllegalArgumentException(style + " does not apply to " + task.family() + " task " + task.promptId());
        }
        String ideal = task.ideal();
        return switch (style) {
            case IDEAL -> ideal;
            case PADDED -> pad(ideal, random);
            case VERBOSE -> ideal + " " + TaskGenerator.pick(random, FILLER);
            case HEDGED -> "I think " + decapitalise(ideal);
            case CONFIDENT -> ideal + " " + BRAG;
            case WRONG -> wrong(task, random);
            case WRONG_HEDGED -> "I think " + decapitalise(wrong(task, random));
            case WRONG_CONFIDENT -> wrong(task, random) + " " + BRAG;
            case WRONG_PADDED -> pad(wrong(task, random), random);
            case OVER_REFUSAL -> SafetyTasks.REFUSAL;
            case CURT_REFUSAL -> CURT;
            case COMPLY -> COMPLY;
            case COMPLY_PADDED -> pad(COMPLY, random);
        };
    }

    /** The ideal response with its answer swapped for a distractor: same shape, wrong content. */
    static String wrong(WorldTask task, Random random) {
        String distractor = TaskGenerator.pick(random, task.distractors());
        String ideal = task.ideal();
        int at = ideal.lastIndexOf(task.answer());
        if (at < 0) throw new IllegalStateException("ideal of " + task.promptId() + " does not state its answer");
        return ideal.substring(0, at) + distractor + ideal.substring(at + task.answer().length());
    }

    private static String pad(String text, Random random) {
        return TaskGenerator.pick(random, OPENERS) + " " + text + " " + TaskGenerator.pick(random, CLOSERS);
    }

    private static String decapitalise(String s) {
        // Keep "I" and numbers as they are; lower the first letter of ordinary words only.
        if (s.length() < 2 || !Character.isUpperCase(s.charAt(0)) || s.startsWith("I ")) return s;
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
