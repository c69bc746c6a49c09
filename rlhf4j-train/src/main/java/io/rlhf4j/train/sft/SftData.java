package io.rlhf4j.train.sft;

import io.rlhf4j.core.data.Comparison;
import io.rlhf4j.core.data.Conversation;
import io.rlhf4j.core.data.DatasetEntry;
import io.rlhf4j.core.data.DatasetItem;
import io.rlhf4j.core.data.Demonstration;
import io.rlhf4j.core.format.DatasetReader;
import io.rlhf4j.model.chat.ChatTemplate;
import io.rlhf4j.model.chat.EncodedChat;
import io.rlhf4j.model.tokenizer.Tokenizer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Turns dataset entries and raw text into {@link TokenizedExample}s. */
public final class SftData {
    private SftData() { }

    /**
     * The SFT conversations in a dataset: every demonstration appended to its prompt; with
     * {@code includeChosen}, also the preferred completion of every strict pairwise preference (SFT
     * on "chosen" responses, for preference-only data such as HH-RLHF).
     */
    public static List<Conversation> conversations(DatasetReader reader, boolean includeChosen) throws IOException {
        List<Conversation> out = new ArrayList<>();
        for (DatasetEntry entry = reader.next(); entry != null; entry = reader.next()) {
            if (!(entry instanceof DatasetItem item)) continue;
            Conversation prompt = item.prompt().conversation();
            boolean any = false;
            for (var j : item.judgments()) {
                if (j instanceof Demonstration d) {
                    out.add(prompt.withReply(d.text()));
                    any = true;
                }
            }
            if (!any && includeChosen) {
                java.util.Set<String> used = new java.util.HashSet<>();
                for (Comparison c : item.comparisons()) {
                    if (c.outcome() == Comparison.Outcome.PREFERRED && used.add(c.chosenId())) {
                        out.add(prompt.withReply(item.completion(c.chosenId()).text()));
                    }
                }
            }
        }
        return out;
    }

    /** Encodes conversations with the chat template: its assistant mask becomes the loss mask. */
    public static List<TokenizedExample> encode(List<Conversation> conversations, ChatTemplate template) {
        List<TokenizedExample> out = new ArrayList<>(conversations.size());
        for (Conversation c : conversations) {
            EncodedChat e = template.encode(c);
            out.add(new TokenizedExample(e.ids(), e.assistantMask()));
        }
        return out;
    }

    /**
     * Pretraining examples: each document as BOS + text + EOS, concatenated into one stream and cut
     * into {@code maxLength}-token pieces (packing: no padding wasted; the last short piece is kept).
     */
    public static List<TokenizedExample> packedText(List<String> documents, Tokenizer tokenizer, int maxLength) {
        List<Integer> stream = new ArrayList<>();
        for (String doc : documents) {
            if (tokenizer.bosId() >= 0) stream.add(tokenizer.bosId());
            for (int id : tokenizer.encode(doc)) stream.add(id);
            if (tokenizer.eosId() >= 0) stream.add(tokenizer.eosId());
        }
        List<TokenizedExample> out = new ArrayList<>();
        for (int from = 0; from + 1 < stream.size(); from += maxLength) {
            int to = Math.min(stream.size(), from + maxLength);
            out.add(TokenizedExample.plain(stream.subList(from, to).stream().mapToInt(Integer::intValue).toArray()));
        }
        return out;
    }
}
