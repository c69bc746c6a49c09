package io.rlhf4j.core.data;

/**
 * What the model is asked: a conversation that ends on a user turn, tagged with a domain
 * (e.g. "arithmetic", "safety") so tasks can be routed to annotators with that expertise.
 */
public record Prompt(String id, Conversation conversation, String domain) {
    public static final String GENERAL = "general";

    public Prompt {
        Checks.id(id, "prompt.id");
        Checks.present(conversation, "prompt.conversation");
        if (conversation.last().role() != Role.USER) {
            throw new IllegalArgumentException("prompt " + id + ": conversation must end with a user turn, ends with "
                    + conversation.last().role().wireName());
        }
        domain = domain == null || domain.isBlank() ? GENERAL : domain;
    }

    /** A prompt whose id is derived from its content, so importing the same prompt twice finds one row. */
    public static Prompt of(Conversation conversation, String domain) {
        return new Prompt(Ids.prompt(conversation), conversation, domain);
    }
}
