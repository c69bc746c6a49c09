package io.rlhf4j.core.data;

import java.util.List;

/**
 * An expert-written ideal response: supervised fine-tuning data. {@code editedFrom} names the
 * candidate it was edited from, or is null when written from scratch.
 */
public record Demonstration(String id, String promptId, String text, String editedFrom, JudgmentMeta meta)
        implements Judgment {
    public Demonstration {
        Checks.id(id, "demonstration.id");
        Checks.id(promptId, "demonstration.prompt_id");
        Checks.text(text, "demonstration.text");
        if (text.isBlank()) throw new IllegalArgumentException("demonstration " + id + ": text is blank");
        if (editedFrom != null) Checks.id(editedFrom, "demonstration.edited_from");
        Checks.present(meta, "demonstration.meta");
    }

    @Override
    public List<String> completionIds() {
        return editedFrom == null ? List.of() : List.of(editedFrom);
    }
}
