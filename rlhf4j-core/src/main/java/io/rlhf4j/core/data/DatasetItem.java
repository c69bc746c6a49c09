package io.rlhf4j.core.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A prompt with its completions and the judgments about them: the self-contained unit of import,
 * export and storage. Construction checks that everything refers to this prompt and its completions.
 */
public record DatasetItem(Prompt prompt, List<Completion> completions, List<Judgment> judgments) implements DatasetEntry {
    public DatasetItem {
        Checks.present(prompt, "item.prompt");
        completions = completions == null ? List.of() : List.copyOf(completions);
        judgments = judgments == null ? List.of() : List.copyOf(judgments);
        Set<String> ids = new HashSet<>();
        for (Completion c : completions) {
            if (!c.promptId().equals(prompt.id())) {
                throw new IllegalArgumentException("completion " + c.id() + " belongs to prompt " + c.promptId()
                        + ", not " + prompt.id());
            }
            if (!ids.add(c.id())) throw new IllegalArgumentException("completion " + c.id() + " appears twice");
        }
        for (Judgment j : judgments) {
            if (!j.promptId().equals(prompt.id())) {
                throw new IllegalArgumentException(j.kind() + " " + j.id() + " is about prompt " + j.promptId()
                        + ", not " + prompt.id());
            }
            for (String c : j.completionIds()) {
                if (!ids.contains(c)) {
                    throw new IllegalArgumentException(j.kind() + " " + j.id() + " refers to unknown completion " + c);
                }
            }
        }
    }

    public Completion completion(String id) {
        return completions.stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no completion " + id + " in prompt " + prompt.id()));
    }

    /** Every comparison the judgments imply ({@link Judgment#comparisons()}), in judgment order. */
    public List<Comparison> comparisons() {
        List<Comparison> out = new ArrayList<>();
        for (Judgment j : judgments) out.addAll(j.comparisons());
        return out;
    }
}
