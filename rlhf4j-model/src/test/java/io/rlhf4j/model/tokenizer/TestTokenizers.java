package io.rlhf4j.model.tokenizer;

import io.rlhf4j.core.testing.SharedFiles;
import java.util.List;

/** Tokenizers shared by test classes in other packages; trained once per JVM. */
public final class TestTokenizers {
    private static ByteLevelBpeTokenizer smallBpe;

    private TestTokenizers() {}

    /** A 1024-token byte-level BPE with the default specials, trained on 1,000 HH-RLHF transcripts. */
    public static synchronized ByteLevelBpeTokenizer smallBpe() {
        if (smallBpe == null) {
            smallBpe = new ByteLevelBpeTokenizer(new BpeTrainer(BpeTrainerConfig.of(1024))
                    .train(TestCorpus.hhRlhfTranscripts().subList(0, 1000)));
        }
        return smallBpe;
    }

    public static Llama2cTokenizer stories260K() {
        return Llama2cTokenizer.load(SharedFiles.resolve("models/stories260K/tok512.bin"), 512);
    }

    /** HH-RLHF transcripts ("\n\nHuman: ...\n\nAssistant: ...") as raw strings. */
    public static List<String> hhRlhfTranscripts() {
        return TestCorpus.hhRlhfTranscripts();
    }
}
