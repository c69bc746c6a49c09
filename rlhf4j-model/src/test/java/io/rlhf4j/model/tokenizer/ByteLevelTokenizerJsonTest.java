package io.rlhf4j.model.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The written tokenizer.json is checked against the Rust tokenizers library itself, through DJL. */
class ByteLevelTokenizerJsonTest {
    private static BpeModel model;
    private static ByteLevelBpeTokenizer encoder;

    @BeforeAll
    static void train() {
        List<String> corpus = TestCorpus.hhRlhfTranscripts();
        model = new BpeTrainer(BpeTrainerConfig.of(2048)).train(corpus.subList(0, 2000));
        encoder = new ByteLevelBpeTokenizer(model);
    }

    @Test
    void huggingFaceTokenizersLoadsItAndEncodesExactlyAsOurEncoder(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tokenizer.json");
        ByteLevelTokenizerJson.write(model, file);

        List<String> samples = new ArrayList<>(TestCorpus.AWKWARD);
        samples.addAll(TestCorpus.hhRlhfTranscripts().subList(4000, 4300));   // text the merges never saw
        samples.add("<|im_start|>user\nHi there!<|im_end|>\n<|im_start|>assistant\n");
        samples.add("text<|endoftext|>more<|pad|><|pad|> and <|user|>");
        try (HuggingFaceTokenizer hf = HuggingFaceTokenizer.newInstance(file, Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false"))) {
            for (String text : samples) {
                long[] theirs = hf.encode(text, false, false).getIds();
                int[] ours = encoder.encode(text);
                assertThat(ours).as("ids for %s", abbreviate(text)).containsExactly(toInts(theirs));
                assertThat(hf.decode(theirs, false)).as("decode of %s", abbreviate(text)).isEqualTo(text);
                assertThat(encoder.decodeWithSpecials(ours)).isEqualTo(text);
                assertThat(encoder.decode(ours)).as("skipping specials in %s", abbreviate(text))
                        .isEqualTo(hf.decode(theirs, true));
            }
        }
    }

    @Test
    void endOfTextIsBosAndEosAndPadHasItsOwnToken() {
        assertThat(encoder.bosId()).isEqualTo(model.idOf("<|endoftext|>")).isEqualTo(encoder.eosId());
        assertThat(encoder.padId()).isEqualTo(model.idOf("<|pad|>")).isNotEqualTo(encoder.eosId());
        assertThat(encoder.decode(encoder.encode("<|endoftext|>Hi<|pad|>"))).isEqualTo("Hi");
    }

    @Test
    void readingTheWrittenFileGivesBackTheSameModel(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tokenizer.json");
        ByteLevelTokenizerJson.write(model, file);
        BpeModel back = ByteLevelTokenizerJson.read(file);
        assertThat(back.tokens()).isEqualTo(model.tokens());
        assertThat(back.merges()).isEqualTo(model.merges());
        assertThat(back.specialTokens()).isEqualTo(model.specialTokens());
    }

    static int[] toInts(long[] ids) {
        return Arrays.stream(ids).mapToInt(Math::toIntExact).toArray();
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
