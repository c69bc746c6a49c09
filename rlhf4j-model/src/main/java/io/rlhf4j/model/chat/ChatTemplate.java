package io.rlhf4j.model.chat;

import io.rlhf4j.core.data.Conversation;
import io.rlhf4j.model.tokenizer.Tokenizer;

import java.util.Locale;
import java.util.Set;

/**
 * Turns a {@link Conversation} into what a decoder-only model reads. Training uses
 * {@link #encode}, whose mask marks the tokens the SFT loss is computed on (the assistant replies
 * with their end-of-turn token, so the model learns to stop); generation uses
 * {@link #encodePrompt}, which ends with the assistant header, and stops on {@link #stopIds}.
 * The prompt's ids are always a prefix-compatible start of what {@code encode} produces for the
 * same turns, so a model sees the same header tokens in training and at inference.
 */
public interface ChatTemplate {

    /** All turns, with {@code assistantMask[i]} true exactly for assistant content and end-of-turn tokens. */
    EncodedChat encode(Conversation conversation);

    /** All turns followed by the assistant header: what to feed the model to get the next reply. */
    int[] encodePrompt(Conversation conversation);

    /**
     * The ids of {@code reply} as the assistant's answer to {@code conversation}: what follows
     * {@code prompt} (this template's {@link #encodePrompt} of the conversation) in {@link #encode}
     * of the conversation with the reply, up to and including the reply's end-of-turn token (the
     * last assistant-masked one), i.e. what a policy generates before it stops. A separator the
     * template puts after the turn is not part of it.
     */
    default int[] encodeReply(Conversation conversation, int[] prompt, String reply) {
        EncodedChat chat = encode(conversation.withReply(reply));
        int[] full = chat.ids();
        int end = full.length;
        while (end > prompt.length && !chat.assistantMask()[end - 1]) end--;
        if (end > prompt.length && java.util.Arrays.equals(full, 0, prompt.length, prompt, 0, prompt.length)) {
            return java.util.Arrays.copyOfRange(full, prompt.length, end);
        }
        throw new IllegalStateException("chat template: the prompt's encoding is not a prefix of prompt + reply; pick another template");
    }

    /** The text form of {@link #encode}, special tokens written out: for logs, UIs and HF parity. */
    String render(Conversation conversation);

    /** The text form of {@link #encodePrompt}. */
    String renderPrompt(Conversation conversation);

    /** Ids that end an assistant turn. */
    Set<Integer> stopIds();

    /**
     * The same layout as a Jinja {@code chat_template} for tokenizer_config.json, so transformers'
     * {@code apply_chat_template} renders exactly {@link #render} / {@link #renderPrompt}.
     */
    String jinja();

    /**
     * A template by its CLI name: {@code chatml}, {@code role} (role markers as special tokens),
     * {@code plain} (role markers as text) or {@code auto}, the richest layout the vocabulary
     * supports: dedicated special tokens when it has them, else plain-text markers.
     */
    static ChatTemplate byName(String name, Tokenizer tok) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "chatml" -> ChatMlTemplate.of(tok);
            case "role" -> RoleMarkerTemplate.withSpecialTokens(tok);
            case "plain" -> RoleMarkerTemplate.plainText(tok);
            case "auto" -> {
                try {
                    yield RoleMarkerTemplate.withSpecialTokens(tok);
                } catch (RuntimeException noRoleTokens) {
                    yield RoleMarkerTemplate.plainText(tok);
                }
            }
            default -> throw new IllegalArgumentException("unknown chat template '" + name
                    + "' (expected auto, chatml, role or plain)");
        };
    }
}
