package io.rlhf4j.core.data;

/** One candidate response to a prompt, with where it came from. Text is kept byte for byte. */
public record Completion(String id, String promptId, String text, Provenance provenance) {
    public Completion {
        Checks.id(id, "completion.id");
        Checks.id(promptId, "completion.prompt_id");
        Checks.text(text, "completion.text");
        Checks.present(provenance, "completion.provenance");
    }

    /** A completion whose id is derived from prompt and text, so duplicates collapse on import. */
    public static Completion of(String promptId, String text, Provenance provenance) {
        return new Completion(Ids.completion(promptId, provenance.model(), text), promptId, text, provenance);
    }
}
