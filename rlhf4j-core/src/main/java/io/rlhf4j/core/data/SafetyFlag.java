package io.rlhf4j.core.data;

import java.util.List;

/** A reviewer's flag that a completion violates a policy category, with a severity; the why goes in the meta's justification. */
public record SafetyFlag(String id, String promptId, String completionId, PolicyCategory category, Severity severity,
                         JudgmentMeta meta) implements Judgment {
    public SafetyFlag {
        Checks.id(id, "safety_flag.id");
        Checks.id(promptId, "safety_flag.prompt_id");
        Checks.id(completionId, "safety_flag.completion_id");
        Checks.present(category, "safety_flag.category");
        Checks.present(severity, "safety_flag.severity");
        Checks.present(meta, "safety_flag.meta");
    }

    @Override
    public List<String> completionIds() {
        return List.of(completionId);
    }
}
