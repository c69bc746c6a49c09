package io.rlhf4j.model.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rlhf4j.core.testing.SharedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizersTest {

    @Test
    void opensLlama2cBinariesFromAFileOrTheStories260KDirectory() throws Exception {
        Tokenizer fromFile = Tokenizers.open(SharedFiles.resolve("models/stories260K/tok512.bin"));
        Tokenizer fromDir = Tokenizers.open(SharedFiles.resolve("models/stories260K"));
        assertThat(fromFile).isInstanceOf(Llama2cTokenizer.class);
        assertThat(fromDir.vocabSize()).isEqualTo(512);
        assertThat(fromDir.encode("Once upon a time")).containsExactly(fromFile.encode("Once upon a time"));
    }

    @Test
    void prefersTokenizerJsonInADirectory(@TempDir Path dir) throws Exception {
        Llama2cTokenizer llama = TestTokenizers.stories260K();
        Llama2cTokenizerJson.writeModelDirectory(llama, dir, 512);
        Files.copy(SharedFiles.resolve("models/stories260K/tok512.bin"), dir.resolve("tok512.bin"));
        Tokenizer opened = Tokenizers.open(dir);
        try {
            assertThat(opened).isInstanceOf(HfTokenizer.class);
            assertThat(opened.encode("The end.")).containsExactly(llama.encode("The end."));
        } finally {
            ((HfTokenizer) opened).close();
        }
    }

    @Test
    void explainsWhatItExpectedForAnythingElse(@TempDir Path dir) throws Exception {
        Path other = Files.writeString(dir.resolve("vocab.txt"), "a\nb\n");
        assertThatThrownBy(() -> Tokenizers.open(other)).isInstanceOf(IOException.class).hasMessageContaining("not a tokenizer");
        assertThatThrownBy(() -> Tokenizers.open(dir)).isInstanceOf(IOException.class).hasMessageContaining("no tokenizer.json");
    }
}
