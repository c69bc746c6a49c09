package io.rlhf4j.model.chat;

import io.rlhf4j.core.data.Conversation;
import io.rlhf4j.model.tokenizer.Tokenizer;
import java.util.List;

/** A template defined by the pieces it lays out; tokenizing and rendering are shared. */
abstract class PieceChatTemplate implements ChatTemplate {
    protected final Tokenizer tokenizer;

    PieceChatTemplate(Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** The conversation laid out as pieces, optionally followed by the assistant header. */
    abstract List<ChatPiece> pieces(Conversation conversation, boolean generationPrompt);

    @Override
    public EncodedChat encode(Conversation conversation) {
        return PieceEncoder.encode(tokenizer, pieces(conversation, false));
    }

    @Override
    public int[] encodePrompt(Conversation conversation) {
        return PieceEncoder.encode(tokenizer, pieces(conversation, true)).ids();
    }

    @Override
    public String render(Conversation conversation) {
        return PieceEncoder.render(pieces(conversation, false));
    }

    @Override
    public String renderPrompt(Conversation conversation) {
        return PieceEncoder.render(pieces(conversation, true));
    }

    /** The id of a marker that must be one token; a tokenizer without it cannot use this template. */
    static int singleTokenId(Tokenizer tokenizer, String marker) {
        int[] ids = tokenizer.encode(marker);
        if (ids.length != 1) {
            throw new IllegalArgumentException("the tokenizer has no single token for " + marker
                    + " (it encodes to " + ids.length + " tokens); train or load one with this special token");
        }
        return ids[0];
    }
}
