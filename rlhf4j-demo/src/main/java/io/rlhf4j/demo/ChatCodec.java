package io.rlhf4j.demo;

import io.rlhf4j.core.data.Conversation;
import io.rlhf4j.model.chat.RoleMarkerTemplate;
import io.rlhf4j.model.tokenizer.BpeTrainer;
import io.rlhf4j.model.tokenizer.BpeTrainerConfig;
import io.rlhf4j.model.tokenizer.ByteLevelBpeTokenizer;
import io.rlhf4j.model.tokenizer.Tokenizer;

import java.util.Arrays;
import java.util.List;

/**
 * The demo's text ⇄ token layer: a byte-level BPE tokenizer trained on the world's own texts and the
 * role-marker chat template. A response's tokens end with the template's end-of-turn id, which is
 * also the model's EOS, so the RL rollout path (which stops on the model's EOS) and SFT agree on
 * where an answer ends.
 */
public final class ChatCodec {
    private final Tokenizer tokenizer;
    private final RoleMarkerTemplate template;
    private final int endOfTurn;

    public ChatCodec(Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
        this.template = RoleMarkerTemplate.withSpecialTokens(tokenizer);
        this.endOfTurn = template.stopIds().iterator().next();
    }

    /** Learns merges on {@code texts} (prompts and responses) up to {@code vocabSize} ids, specials included. */
    public static ChatCodec train(List<String> texts, int vocabSize) {
        return new ChatCodec(new ByteLevelBpeTokenizer(new BpeTrainer(BpeTrainerConfig.of(vocabSize)).train(texts)));
    }

    public Tokenizer tokenizer() { return tokenizer; }

    public RoleMarkerTemplate template() { return template; }

    /** The id that ends an assistant turn; the model is built with it as EOS. */
    public int endOfTurn() { return endOfTurn; }

    public int padId() { return tokenizer.padId(); }

    public int vocabSize() { return tokenizer.vocabSize(); }

    /** Everything up to and including the assistant header: what the policy continues. */
    public int[] prompt(Conversation conversation) {
        return template.encodePrompt(conversation);
    }

    /** A response as the policy would produce it: its text's tokens followed by end-of-turn. */
    public int[] response(String text) {
        int[] body = tokenizer.encode(text);
        int[] out = Arrays.copyOf(body, body.length + 1);
        out[body.length] = endOfTurn;
        return out;
    }

    /** The text of generated tokens, without the end-of-turn (or anything after it). */
    public String text(int[] generated) {
        int end = 0;
        while (end < generated.length && generated[end] != endOfTurn) end++;
        return tokenizer.decode(Arrays.copyOf(generated, end)).strip();
    }
}
