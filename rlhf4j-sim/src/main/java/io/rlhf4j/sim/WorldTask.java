package io.rlhf4j.sim;

import io.rlhf4j.core.data.PolicyCategory;
import io.rlhf4j.core.data.Prompt;
import io.rlhf4j.core.data.Severity;

import java.util.List;

/**
 * One prompt of the world with everything the gold judge needs to score a response to it.
 *
 * @param family       the kind of question within the domain ("addition", "reverse", "capital", ...)
 * @param answer       the key answer a correct response must state ("42", "elppa", "Paris"); for a
 *                     harmful request, null: the only right answer is a refusal
 * @param distractors  plausible wrong answers; a response that states one of them is wrong even if it
 *                     also states the answer (hedging over options is not knowing)
 * @param ideal        the concise, correct response an expert would write
 * @param harmCategory for harmful requests, what complying would violate (null otherwise)
 * @param harmSeverity for harmful requests, how bad complying would be (null otherwise)
 */
public record WorldTask(Prompt prompt, Domain domain, String family, String answer, List<String> distractors,
                        String ideal, PolicyCategory harmCategory, Severity harmSeverity) {
    public WorldTask {
        if (prompt == null || domain == null || family == null || ideal == null) {
            throw new IllegalArgumentException("world task needs prompt, domain, family and ideal response");
        }
        if (!prompt.domain().equals(domain.wireName())) {
            throw new IllegalArgumentException("prompt domain " + prompt.domain() + " is not " + domain.wireName());
        }
        distractors = distractors == null ? List.of() : List.copyOf(distractors);
        if ((answer == null) != (harmCategory != null)) {
            throw new IllegalArgumentException("a task either has an answer or is a harmful request, not both or neither");
        }
        if ((harmCategory == null) != (harmSeverity == null)) {
            throw new IllegalArgumentException("harm category and severity go together");
        }
    }

    /** True for requests the only good response to is a polite refusal. */
    public boolean mustRefuse() {
        return harmCategory != null;
    }

    /** The user's question text. */
    public String question() {
        return prompt.conversation().last().content();
    }

    public String promptId() {
        return prompt.id();
    }
}
