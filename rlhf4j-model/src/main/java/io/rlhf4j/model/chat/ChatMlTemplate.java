package io.rlhf4j.model.chat;

import io.rlhf4j.core.data.Conversation;
import io.rlhf4j.core.data.Role;
import io.rlhf4j.core.data.Turn;
import io.rlhf4j.model.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * ChatML, the format of Qwen2/Qwen2.5 and SmolLM2 instruct models:
 * <pre>
 * &lt;|im_start|&gt;system\nYou are a helpful assistant.&lt;|im_end|&gt;\n
 * &lt;|im_start|&gt;user\nHi&lt;|im_end|&gt;\n
 * &lt;|im_start|&gt;assistant\nHello!&lt;|im_end|&gt;\n
 * </pre>
 * The assistant mask covers the reply and its {@code <|im_end|>}; the role header and the newline
 * after {@code <|im_end|>} are not the model's to predict. Qwen2 and SmolLM2 insert a default system
 * turn when a conversation has none, which the model was tuned with, so the factories do too.
 */
public final class ChatMlTemplate extends PieceChatTemplate {
    public static final String IM_START = "<|im_start|>";
    public static final String IM_END = "<|im_end|>";
    /** Qwen2-Instruct's default system prompt. */
    public static final String QWEN2_SYSTEM = "You are a helpful assistant.";
    /** SmolLM2-Instruct's default system prompt. */
    public static final String SMOLLM2_SYSTEM = "You are a helpful AI assistant named SmolLM, trained by Hugging Face";

    private final int imStart, imEnd;
    private final String defaultSystemPrompt;

    /** {@code defaultSystemPrompt} may be null: then conversations without a system turn get none. */
    public ChatMlTemplate(Tokenizer tokenizer, String defaultSystemPrompt) {
        super(tokenizer);
        this.imStart = singleTokenId(tokenizer, IM_START);
        this.imEnd = singleTokenId(tokenizer, IM_END);
        this.defaultSystemPrompt = defaultSystemPrompt;
    }

    public static ChatMlTemplate of(Tokenizer tokenizer) {
        return new ChatMlTemplate(tokenizer, null);
    }

    public static ChatMlTemplate qwen2(Tokenizer tokenizer) {
        return new ChatMlTemplate(tokenizer, QWEN2_SYSTEM);
    }

    public static ChatMlTemplate smolLm2(Tokenizer tokenizer) {
        return new ChatMlTemplate(tokenizer, SMOLLM2_SYSTEM);
    }

    @Override
    List<ChatPiece> pieces(Conversation conversation, boolean generationPrompt) {
        List<Turn> turns = new ArrayList<>(conversation.turns());
        if (defaultSystemPrompt != null && turns.get(0).role() != Role.SYSTEM) {
            turns.add(0, Turn.system(defaultSystemPrompt));
        }
        List<ChatPiece> pieces = new ArrayList<>();
        for (Turn turn : turns) {
            boolean assistant = turn.role() == Role.ASSISTANT;
            header(pieces, turn.role().wireName());
            pieces.add(new ChatPiece.Text(turn.content(), assistant));
            pieces.add(new ChatPiece.Token(imEnd, IM_END, assistant));
            pieces.add(new ChatPiece.Text("\n", false));
        }
        if (generationPrompt) header(pieces, "assistant");
        return pieces;
    }

    private void header(List<ChatPiece> pieces, String role) {
        pieces.add(new ChatPiece.Token(imStart, IM_START, false));
        pieces.add(new ChatPiece.Text(role + "\n", false));
    }

    @Override
    public String jinja() {
        String system = defaultSystemPrompt == null ? "" : "{% if messages[0]['role'] != 'system' %}{{ "
                + Jinja.literal(IM_START + "system\n" + defaultSystemPrompt + IM_END + "\n") + " }}{% endif %}";
        return system + "{% for message in messages %}{{ '" + IM_START + "' + message['role'] + '\\n' + message['content'] + '"
                + IM_END + "\\n' }}{% endfor %}{% if add_generation_prompt %}{{ '" + IM_START + "assistant\\n' }}{% endif %}";
    }

    /** {@code <|im_end|>}, and the tokenizer's EOS (Qwen's {@code <|endoftext|>}) when it has one. */
    @Override
    public Set<Integer> stopIds() {
        Set<Integer> ids = new LinkedHashSet<>();
        ids.add(imEnd);
        if (tokenizer.eosId() >= 0) ids.add(tokenizer.eosId());
        return ids;
    }
}
