package io.rlhf4j.model.tokenizer;

/**
 * Text ⇄ token ids. Implementations: {@link Llama2cTokenizer} (llama2.c {@code tok*.bin}); others
 * (Hugging Face tokenizer.json, trained BPE) live beside it.
 *
 * <p>{@link #encode} never adds BOS/EOS: callers decide where sequences start and end, so the same
 * method serves prompts, completions and concatenated chat turns. {@link #decode} skips BOS, EOS and
 * padding ids, so a generated sequence decodes to its text.
 */
public interface Tokenizer {

    /** Token ids for {@code text}, without BOS/EOS. */
    int[] encode(String text);

    /** Text for {@code ids}; special ids (BOS, EOS, pad) produce no text. */
    String decode(int[] ids);

    /** Number of ids; every id this tokenizer produces is in {@code [0, vocabSize())}. */
    int vocabSize();

    /** Beginning-of-sequence id, or -1 if the vocabulary has none. */
    int bosId();

    /** End-of-sequence id, or -1 if the vocabulary has none. */
    int eosId();

    /**
     * Id used to fill the left side of batched prompts. It is always masked out, so any valid id
     * works; implementations pick a dedicated pad token when the vocabulary has one.
     */
    int padId();

    /**
     * The id batches are padded with: {@link #padId()}, else EOS, else 0. Padding is masked out,
     * so any id in the vocabulary does; this only avoids a negative id reaching an embedding.
     */
    default int batchPadId() {
        return padId() >= 0 ? padId() : Math.max(0, eosId());
    }

    /** Every id that ends a sequence: the EOS id, and for chat models the other EOS ids they list (none if no EOS). */
    default java.util.Set<Integer> stopIds() {
        return eosId() >= 0 ? java.util.Set.of(eosId()) : java.util.Set.of();
    }

    /** {@code ids} with BOS in front (when the vocabulary has one): the usual start of a prompt. */
    default int[] encodeWithBos(String text) {
        int[] body = encode(text);
        if (bosId() < 0) return body;
        int[] out = new int[body.length + 1];
        out[0] = bosId();
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }
}
