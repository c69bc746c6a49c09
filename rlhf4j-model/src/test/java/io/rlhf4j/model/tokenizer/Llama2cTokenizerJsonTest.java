package io.rlhf4j.model.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.rlhf4j.core.testing.SharedFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The converted stories260K tokenizer, run by the Rust tokenizers library, must be llama2.c's tokenizer. */
class Llama2cTokenizerJsonTest {
    private static final Map<String, String> NO_TRUNCATION = Map.of("truncation", "false", "padding", "false");
    private static Llama2cTokenizer llama;

    @BeforeAll
    static void load() {
        llama = Llama2cTokenizer.load(SharedFiles.resolve("models/stories260K/tok512.bin"), 512);
    }

    static List<String> samples() {
        List<String> s = new ArrayList<>(TestCorpus.AWKWARD);
        s.addAll(List.of(
                "Once upon a time, there was a little girl named Lily.",
                "Lily's mom said, \"Lily, let's go to the park!\"\nThey went.\n\nThe end.",
                "He said: “I’m happy” — and smiled… (really) 100% sure; 3 + 4 = 7?",
                "Tom and Sue were best friends. They liked to play with their toys every day.",
                "  two leading spaces, a tab\there and\ttrailing space "));
        s.addAll(TestCorpus.hhRlhfTranscripts().subList(0, 40));   // out-of-domain text, long inputs
        return s;
    }

    @Test
    void huggingFaceTokenizersGivesLlama2cIdsAndDecodesBack(@TempDir Path dir) throws Exception {
        Llama2cTokenizerJson.writeModelDirectory(llama, dir, 512);
        try (HuggingFaceTokenizer hf = HuggingFaceTokenizer.newInstance(dir.resolve("tokenizer.json"), NO_TRUNCATION)) {
            for (String text : samples()) {
                long[] theirs = hf.encode(text, false, false).getIds();
                assertThat(ByteLevelTokenizerJsonTest.toInts(theirs)).as("ids for %s", text).containsExactly(llama.encode(text));
                assertThat(hf.decode(theirs, true)).as("decode of %s", text).isEqualTo(text);
            }
        }
    }

    @Test
    void specialTokensFollowTheLlamaConventions(@TempDir Path dir) throws Exception {
        Llama2cTokenizerJson.writeModelDirectory(llama, dir, 512);
        try (HuggingFaceTokenizer hf = HuggingFaceTokenizer.newInstance(dir.resolve("tokenizer.json"), NO_TRUNCATION)) {
            long[] withBos = hf.encode("Once upon a time", true, false).getIds();
            assertThat(withBos[0]).isEqualTo(llama.bosId());
            assertThat(ByteLevelTokenizerJsonTest.toInts(withBos)).containsExactly(llama.encodeWithBos("Once upon a time"));
            assertThat(hf.encode("</s>", false, false).getIds()).containsExactly(llama.eosId());
            assertThat(hf.decode(new long[] {1, 403, 407, 2}, true)).isEqualTo(llama.decode(new int[] {1, 403, 407, 2}));
        }
    }

    @Test
    void everyMergeJoinsTwoPiecesIntoAPieceAndTheBestScoringComeFirst() {
        List<String> pieces = Llama2cTokenizerJson.hfPieces(llama);
        List<String[]> merges = Llama2cTokenizerJson.merges(llama, pieces);
        assertThat(merges).isNotEmpty();
        float previous = Float.POSITIVE_INFINITY;
        for (String[] m : merges) {
            int merged = pieces.indexOf(m[0] + m[1]);
            assertThat(merged).as("%s + %s", m[0], m[1]).isGreaterThan(2);
            assertThat(pieces).contains(m[0], m[1]);
            assertThat(llama.score(merged)).isLessThanOrEqualTo(previous);
            previous = llama.score(merged);
        }
        assertThat(pieces.get(259)).isEqualTo("\u2581t");
        assertThat(merges.get(0)).containsExactly("\u2581", "t");
    }
}
