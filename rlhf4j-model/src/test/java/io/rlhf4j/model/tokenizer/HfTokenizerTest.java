package io.rlhf4j.model.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rlhf4j.core.testing.SharedFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HfTokenizerTest {

    private static BpeModel smallModel() {
        return new BpeTrainer(BpeTrainerConfig.of(400)).train(TestCorpus.hhRlhfTranscripts().subList(0, 200));
    }

    @Test
    void readsSpecialTokenNamesFromTokenizerConfigAndEncodesLikeTheJavaTokenizer(@TempDir Path dir) throws Exception {
        BpeModel model = smallModel();
        ByteLevelTokenizerJson.write(model, dir.resolve("tokenizer.json"));
        TokenizerFiles.writeConfig(dir, "PreTrainedTokenizerFast", "<|endoftext|>", "<|im_end|>", "<|pad|>", null,
                false, 1024, null);
        ByteLevelBpeTokenizer java = new ByteLevelBpeTokenizer(model);

        try (HfTokenizer hf = HfTokenizer.open(dir)) {
            assertThat(hf.vocabSize()).isEqualTo(400);
            assertThat(hf.bosId()).isEqualTo(model.idOf("<|endoftext|>"));
            assertThat(hf.eosId()).isEqualTo(model.idOf("<|im_end|>"));
            assertThat(hf.padId()).isEqualTo(model.idOf("<|pad|>"));
            assertThat(hf.stopIds()).containsExactly(model.idOf("<|im_end|>"));
            for (String text : TestCorpus.AWKWARD) {
                assertThat(hf.encode(text)).containsExactly(java.encode(text));
                assertThat(hf.decode(hf.encode(text))).isEqualTo(text);
            }
            // No BOS added and no truncation at DJL's default 512, whatever the input length.
            String longText = String.join(" ", Collections.nCopies(800, "hello"));
            assertThat(hf.encode(longText)).containsExactly(java.encode(longText));
            int[] chat = hf.encode("<|im_start|>user\nhi<|im_end|>");
            assertThat(hf.decode(chat)).isEqualTo("user\nhi");
            assertThat(hf.decode(chat, false)).isEqualTo("<|im_start|>user\nhi<|im_end|>");
        }
    }

    @Test
    void fallsBackToGenerationConfigThenConfigForIdsAndCollectsAllStopIds(@TempDir Path dir) throws Exception {
        ByteLevelTokenizerJson.write(smallModel(), dir.resolve("tokenizer.json"));
        // tokenizer_config names only EOS, as an AddedToken object; pad/bos come from the other files.
        Files.writeString(dir.resolve("tokenizer_config.json"),
                "{\"eos_token\": {\"content\": \"<|end|>\", \"special\": true}, \"pad_token\": null}");
        Files.writeString(dir.resolve("generation_config.json"), "{\"eos_token_id\": [5, 0], \"pad_token_id\": 1}");
        Files.writeString(dir.resolve("config.json"), "{\"bos_token_id\": 0, \"eos_token_id\": 7, \"pad_token_id\": 3}");

        try (HfTokenizer hf = HfTokenizer.open(dir)) {
            assertThat(hf.eosId()).isEqualTo(hf.tokenId("<|end|>")).isEqualTo(5);
            assertThat(hf.bosId()).isEqualTo(0);
            assertThat(hf.padId()).isEqualTo(1);
            assertThat(hf.stopIds()).containsExactlyInAnyOrder(5, 0, 7);
        }
    }

    @Test
    void convertedLlama2cDirectoryOpensWithLlamaIdsAndPadsWithEos(@TempDir Path dir) throws Exception {
        Llama2cTokenizer llama = Llama2cTokenizer.load(SharedFiles.resolve("models/stories260K/tok512.bin"), 512);
        Llama2cTokenizerJson.writeModelDirectory(llama, dir, 512);
        try (HfTokenizer hf = HfTokenizer.open(dir)) {
            assertThat(List.of(hf.vocabSize(), hf.bosId(), hf.eosId(), hf.padId())).containsExactly(512, 1, 2, 2);
            String text = "Once upon a time, Lily saw a big red ball.";
            assertThat(hf.encode(text)).containsExactly(llama.encode(text));
            assertThat(hf.decode(llama.encodeWithBos(text))).isEqualTo(text);
        }
    }

    @Test
    void refusesToWorkAfterClose(@TempDir Path dir) throws Exception {
        ByteLevelTokenizerJson.write(smallModel(), dir.resolve("tokenizer.json"));
        HfTokenizer hf = HfTokenizer.open(dir.resolve("tokenizer.json"));
        hf.close();
        hf.close();   // idempotent
        assertThatThrownBy(() -> hf.encode("hi")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> HfTokenizer.open(dir.resolve("missing"))).hasMessageContaining("no tokenizer.json");
    }
}
