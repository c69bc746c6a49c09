package io.rlhf4j.model.chat;

import io.rlhf4j.model.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Tokenizes a list of {@link ChatPiece}s into ids and an assistant mask.
 *
 * <p>Text between two tokens is tokenized as one string, as HF does when it tokenizes a rendered
 * chat template (special tokens split the text, nothing else does), so ids match "render, then
 * encode". Where the mask changes inside such a run (header then assistant reply), the split point
 * is found by checking that the run's ids start with the ids of the header alone; if a merge crosses
 * the boundary (a sentencepiece dummy prefix, a regex that glues newlines), each same-mask segment is
 * encoded on its own instead. Either way the mask is exact and the header's ids are those the
 * generation prompt (which ends with that header) produces.
 */
final class PieceEncoder {
    private PieceEncoder() {}

    static EncodedChat encode(Tokenizer tokenizer, List<ChatPiece> pieces) {
        IdsAndMask out = new IdsAndMask();
        List<ChatPiece.Text> run = new ArrayList<>();
        for (ChatPiece piece : pieces) {
            switch (piece) {
                case ChatPiece.Text text -> run.add(text);
                case ChatPiece.Token token -> {
                    encodeRun(tokenizer, run, out);
                    run.clear();
                    out.add(token.id(), token.assistant());
                }
            }
        }
        encodeRun(tokenizer, run, out);
        return out.build();
    }

    static String render(List<ChatPiece> pieces) {
        StringBuilder sb = new StringBuilder();
        for (ChatPiece piece : pieces) {
            switch (piece) {
                case ChatPiece.Text text -> sb.append(text.text());
                case ChatPiece.Token token -> sb.append(token.text());
            }
        }
        return sb.toString();
    }

    private static void encodeRun(Tokenizer tokenizer, List<ChatPiece.Text> run, IdsAndMask out) {
        // Consecutive texts with the same mask form one segment; boundaries are where the mask flips.
        List<ChatPiece.Text> segments = new ArrayList<>();
        for (ChatPiece.Text t : run) {
            if (t.text().isEmpty()) continue;
            int last = segments.size() - 1;
            if (last >= 0 && segments.get(last).assistant() == t.assistant()) {
                segments.set(last, new ChatPiece.Text(segments.get(last).text() + t.text(), t.assistant()));
            } else {
                segments.add(t);
            }
        }
        if (segments.isEmpty()) return;
        StringBuilder whole = new StringBuilder();
        for (ChatPiece.Text t : segments) whole.append(t.text());
        int[] joint = tokenizer.encode(whole.toString());

        // Token index where each segment ends, if encoding the text up to there gives a prefix of joint.
        int[] ends = new int[segments.size()];
        ends[segments.size() - 1] = joint.length;
        StringBuilder prefix = new StringBuilder();
        boolean consistent = true;
        for (int i = 0; i < segments.size() - 1 && consistent; i++) {
            prefix.append(segments.get(i).text());
            int[] head = tokenizer.encode(prefix.toString());
            consistent = head.length <= joint.length && (i == 0 || head.length >= ends[i - 1])
                    && Arrays.equals(head, 0, head.length, joint, 0, head.length);
            ends[i] = head.length;
        }
        if (consistent) {
            int k = 0;
            for (int i = 0; i < segments.size(); i++) {
                for (; k < ends[i]; k++) out.add(joint[k], segments.get(i).assistant());
            }
        } else {
            for (ChatPiece.Text t : segments) {
                for (int id : tokenizer.encode(t.text())) out.add(id, t.assistant());
            }
        }
    }

    private static final class IdsAndMask {
        private int[] ids = new int[64];
        private boolean[] mask = new boolean[64];
        private int size;

        void add(int id, boolean assistant) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
                mask = Arrays.copyOf(mask, size * 2);
            }
            ids[size] = id;
            mask[size++] = assistant;
        }

        EncodedChat build() {
            return new EncodedChat(Arrays.copyOf(ids, size), Arrays.copyOf(mask, size));
        }
    }
}
