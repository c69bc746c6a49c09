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
 * The simple format for models we train from scratch: BOS, then per turn a role header, the
 * content and an end-of-turn token, turns separated by a newline:
 * <pre>
 * &lt;|endoftext|&gt;&lt;|user|&gt;\nHi&lt;|end|&gt;\n&lt;|assistant|&gt;\nHello!&lt;|end|&gt;\n
 * </pre>
 * {@link #withSpecialTokens} uses the role tokens {@code BpeTrainerConfig.DEFAULT_SPECIALS} puts in
 * every vocabulary we train; {@link #plainText} needs nothing but an EOS token, so it also fits a
 * pretrained tokenizer without chat tokens (llama2.c's), with "User: " style headers and EOS
 * (rendered as {@code <eos>}, BOS as {@code <bos>}) ending each turn.
 */
public final class RoleMarkerTemplate extends PieceChatTemplate {

    /** Header text per role (may contain special-token strings) and what follows each end-of-turn. */
    public record Markers(String system, String user, String assistant, String separator) {
        String header(Role role) {
            return switch (role) {
                case SYSTEM -> system;
                case USER -> user;
                case ASSISTANT -> assistant;
            };
        }
    }

    public static final Markers SPECIAL_TOKEN_MARKERS = new Markers("<|system|>\n", "<|user|>\n", "<|assistant|>\n", "\n");
    public static final Markers PLAIN_TEXT_MARKERS = new Markers("System: ", "User: ", "Assistant: ", "\n");
    public static final String END_OF_TURN = "<|end|>";

    private final Markers markers;
    private final int endOfTurnId;
    private final String endOfTurnText;
    private final boolean addBos;
    private final String bosText;

    /** {@code endOfTurnText} and {@code bosText} are only how {@link #render} writes those tokens. */
    public RoleMarkerTemplate(Tokenizer tokenizer, Markers markers, int endOfTurnId, String endOfTurnText,
                              boolean addBos, String bosText) {
        super(tokenizer);
        if (endOfTurnId < 0 || endOfTurnId >= tokenizer.vocabSize()) throw new IllegalArgumentException("bad end-of-turn id " + endOfTurnId);
        if (addBos && tokenizer.bosId() < 0) throw new IllegalArgumentException("tokenizer has no BOS token");
        this.markers = markers;
        this.endOfTurnId = endOfTurnId;
        this.endOfTurnText = endOfTurnText;
        this.addBos = addBos;
        this.bosText = bosText;
    }

    /** Role and end-of-turn tokens of our trained vocabularies; BOS first when the tokenizer has one. */
    public static RoleMarkerTemplate withSpecialTokens(Tokenizer tokenizer) {
        for (String marker : List.of("<|system|>", "<|user|>", "<|assistant|>")) singleTokenId(tokenizer, marker);
        return new RoleMarkerTemplate(tokenizer, SPECIAL_TOKEN_MARKERS, singleTokenId(tokenizer, END_OF_TURN),
                END_OF_TURN, tokenizer.bosId() >= 0, "<|endoftext|>");
    }

    /** Works with any tokenizer that has EOS: the turn ends with EOS, so a base model learns to stop. */
    public static RoleMarkerTemplate plainText(Tokenizer tokenizer) {
        if (tokenizer.eosId() < 0) throw new IllegalArgumentException("plain-text template needs an EOS token");
        return new RoleMarkerTemplate(tokenizer, PLAIN_TEXT_MARKERS, tokenizer.eosId(), "<eos>",
                tokenizer.bosId() >= 0, "<bos>");
    }

    @Override
    List<ChatPiece> pieces(Conversation conversation, boolean generationPrompt) {
        List<ChatPiece> pieces = new ArrayList<>();
        if (addBos) pieces.add(new ChatPiece.Token(tokenizer.bosId(), bosText, false));
        for (Turn turn : conversation.turns()) {
            boolean assistant = turn.role() == Role.ASSISTANT;
            pieces.add(new ChatPiece.Text(markers.header(turn.role()), false));
            pieces.add(new ChatPiece.Text(turn.content(), assistant));
            pieces.add(new ChatPiece.Token(endOfTurnId, endOfTurnText, assistant));
            pieces.add(new ChatPiece.Text(markers.separator(), false));
        }
        if (generationPrompt) pieces.add(new ChatPiece.Text(markers.assistant(), false));
        return pieces;
    }

    /** BOS and an EOS end-of-turn are written as {@code bos_token}/{@code eos_token}, the rest literally. */
    @Override
    public String jinja() {
        String end = endOfTurnId == tokenizer.eosId() ? "eos_token" : Jinja.literal(endOfTurnText);
        return (addBos ? "{{ bos_token }}" : "")
                + "{% for message in messages %}"
                + "{% if message['role'] == 'system' %}{{ " + Jinja.literal(markers.system()) + " }}"
                + "{% elif message['role'] == 'user' %}{{ " + Jinja.literal(markers.user()) + " }}"
                + "{% else %}{{ " + Jinja.literal(markers.assistant()) + " }}{% endif %}"
                + "{{ message['content'] }}{{ " + end + " }}{{ " + Jinja.literal(markers.separator()) + " }}"
                + "{% endfor %}{% if add_generation_prompt %}{{ " + Jinja.literal(markers.assistant()) + " }}{% endif %}";
    }

    @Override
    public Set<Integer> stopIds() {
        Set<Integer> ids = new LinkedHashSet<>();
        ids.add(endOfTurnId);
        if (tokenizer.eosId() >= 0) ids.add(tokenizer.eosId());
        return ids;
    }
}
