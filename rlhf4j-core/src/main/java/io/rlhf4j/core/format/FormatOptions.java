package io.rlhf4j.core.format;

import io.rlhf4j.core.data.Prompt;

/**
 * Settings for reading and writing, each with a sensible default ({@link #DEFAULTS}); formats ignore
 * what does not apply to them.
 *
 * @param dataset   name recorded as the imported completions' provenance model; null means the
 *                  format's default ("hh-rlhf" for hh-rlhf, the file name without extension for trl)
 * @param domain    domain given to imported prompts (default "general")
 * @param trlShape  what the trl writer produces (default conversational preference pairs)
 */
public record FormatOptions(String dataset, String domain, TrlShape trlShape) {
    public static final FormatOptions DEFAULTS = new FormatOptions(null, Prompt.GENERAL, TrlShape.PREFERENCE_CONVERSATIONAL);

    /** The TRL dataset types the writer can produce. */
    public enum TrlShape {
        /** {"prompt": [messages], "chosen": [assistant message], "rejected": [...]}: keeps multi-turn prompts exactly. */
        PREFERENCE_CONVERSATIONAL,
        /** {"prompt": str, "chosen": str, "rejected": str}: only single-user-turn prompts are expressible. */
        PREFERENCE_STANDARD,
        /** {"prompt": [messages], "completion": [assistant message]} from demonstrations (SFT). */
        SFT_CONVERSATIONAL,
        /** {"prompt": str, "completion": str} from demonstrations; single-user-turn prompts only. */
        SFT_STANDARD
    }

    public FormatOptions {
        if (dataset != null && dataset.isBlank()) dataset = null;
        domain = domain == null || domain.isBlank() ? Prompt.GENERAL : domain;
        trlShape = trlShape == null ? TrlShape.PREFERENCE_CONVERSATIONAL : trlShape;
    }

    public FormatOptions withDataset(String name) {
        return new FormatOptions(name, domain, trlShape);
    }

    public FormatOptions withDomain(String name) {
        return new FormatOptions(dataset, name, trlShape);
    }

    public FormatOptions withTrlShape(TrlShape shape) {
        return new FormatOptions(dataset, domain, shape);
    }
}
