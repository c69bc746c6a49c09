package io.rlhf4j.model.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.rlhf4j.core.testing.SharedFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class Llama2cTokenizerTest {
    static Llama2cTokenizer tok;

    @BeforeAll
    static void load() {
        tok = Llama2cTokenizer.load(SharedFiles.resolve("models/stories260K/tok512.bin"));
    }

    @Test
    void readsAllTokensAndSpecials() {
        assertThat(tok.vocabSize()).isEqualTo(512);
        assertThat(tok.bosId()).isEqualTo(1);
        assertThat(tok.eosId()).isEqualTo(2);
        assertThat(tok.piece(13)).isEqualTo("<0x0A>");
        assertThat(tok.piece(403)).isEqualTo(" Once");
    }

    /** Expected ids come from an independent Python transcription of llama2.c's encode(). */
    @Test
    void encodeMatchesLlama2cGreedyMerges() {
        assertThat(tok.encode("Once upon a time, there was a little girl named Lily."))
                .containsExactly(403, 407, 261, 378, 432, 383, 286, 261, 376, 298, 315, 421, 395, 317, 426);
    }

    @Test
    void unknownCharactersFallBackToUtf8ByteTokens() {
        // newline is only a byte token; the emoji (4 UTF-8 bytes) has no piece at all.
        assertThat(tok.encode("Hello\nworld é 🙂"))
                .containsExactly(346, 306, 414, 13, 424, 304, 341, 410, 485, 410, 243, 162, 156, 133);
    }

    @Test
    void decodeInvertsEncodeIncludingByteFallback() {
        for (String s : new String[] {"Once upon a time.", "Hello\nworld é 🙂", "  two spaces", "x"}) {
            assertThat(tok.decode(tok.encode(s))).isEqualTo(s);
        }
        assertThat(tok.encode("")).isEmpty();
    }

    @Test
    void pieceAfterBosDropsLeadingSpaceAndSpecialsAreSilent() {
        assertThat(tok.decode(new int[] {1, 403, 407, 2})).isEqualTo("Once upon");
        // mid-sequence pieces keep their space
        assertThat(tok.decode(new int[] {403, 407})).isEqualTo("Once upon");
        assertThat(tok.decode(new int[] {426, 403})).isEqualTo(". Once");
        assertThat(tok.encodeWithBos("Once")).containsExactly(1, 403);
    }
}
