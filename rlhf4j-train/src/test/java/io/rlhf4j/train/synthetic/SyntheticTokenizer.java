package io.rlhf4j.train.synthetic;

import io.rlhf4j.model.tokenizer.Tokenizer;

import java.util.Arrays;

/** The synthetic task's vocabulary as text: "&lt;pad&gt;", "&lt;s&gt;", "&lt;/s&gt;" and "t3".."t23", space-separated. */
public final class SyntheticTokenizer implements Tokenizer {
    static String name(int id) {
        return switch (id) {
            case SyntheticTask.PAD -> "<pad>";
            case SyntheticTask.BOS -> "<s>";
            case SyntheticTask.EOS -> "</s>";
            default -> "t" + id;
        };
    }

    @Override
    public int[] encode(String text) {
        if (text.isBlank()) return new int[0];
        return Arrays.stream(text.trim().split("\\s+")).mapToInt(piece -> {
            if (!piece.matches("t\\d+")) throw new IllegalArgumentException("not a synthetic token: '" + piece + "'");
            int id = Integer.parseInt(piece.substring(1));
            if (id < SyntheticTask.FIRST_CONTENT || id >= SyntheticTask.VOCAB_SIZE) {
                throw new IllegalArgumentException("synthetic token out of range: '" + piece + "'");
            }
            return id;
        }).toArray();
    }

    @Override
    public String decode(int[] ids) {
        return String.join(" ", Arrays.stream(ids).filter(id -> id >= SyntheticTask.FIRST_CONTENT)
                .mapToObj(SyntheticTokenizer::name).toList());
    }

    @Override public int vocabSize() { return SyntheticTask.VOCAB_SIZE; }
    @Override public int bosId() { return SyntheticTask.BOS; }
    @Override public int eosId() { return SyntheticTask.EOS; }
    @Override public int padId() { return SyntheticTask.PAD; }
}
