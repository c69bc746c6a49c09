package io.rlhf4j.core.format;

import io.rlhf4j.core.data.Prompt;

/**
 * Settings for reading and writing, each with a sensible default ({@link #DEFAULTS}); formats ignore
 * what does not apply to them. Change one with {@link #toBuilder()}.
 *
 * @param dataset        name recorded as the imported completions' provenance model; null means the
 *                       format's default ("hh-rlhf" for hh-rlhf, the file name without extension for trl)
 * @param domain         domain given to imported prompts (default "general")
 * @param trlShape       what the trl writer produces (default conversational preference pairs)
 * @param keepDuplicates read a line whose JSON repeats an earlier line's as an entry of its own (a
 *                       second judgment of the same pair); by default it is skipped and counted
 *                       ({@link DatasetReader#duplicates()}), since a copied line is not a second opinion
 */
public record FormatOptions(String dataset, String domain, TrlShape trlShape, boolean keepDuplicates) {
    public static final FormatOptions DEFAULTS = builder().build();

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

    public static Builder builder() { return new Builder(); }

    public Builder toBuilder() {
        return builder().dataset(dataset).domain(domain).trlShape(trlShape).keepDuplicates(keepDuplicates);
    }

    public static final class Builder {
        private String dataset;
        private String domain = Prompt.GENERAL;
        private TrlShape trlShape = TrlShape.PREFERENCE_CONVERSATIONAL;
        private boolean keepDuplicates;

        private Builder() {}

        public Builder dataset(String v) { dataset = v; return this; }
        public Builder domain(String v) { domain = v; return this; }
        public Builder trlShape(TrlShape v) { trlShape = v; return this; }
        public Builder keepDuplicates(boolean v) { keepDuplicates = v; return this; }

        public FormatOptions build() { return new FormatOptions(dataset, domain, trlShape, keepDuplicates); }
    }
}
