package io.rlhf4j.model.llama;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.rlhf4j.model.Stories260K;
import io.rlhf4j.model.generate.GenerationResult;
import io.rlhf4j.model.generate.Generator;
import io.rlhf4j.model.generate.SamplingConfig;
import io.rlhf4j.model.tokenizer.Llama2cTokenizer;
import org.junit.jupiter.api.Test;

/** The pretrained checkpoint, converted to HF conventions, must reproduce llama2.c's own output. */
class Stories260KReferenceTest {

    @Test
    void greedyFromBosReproducesReadmeText() {
        Llama2cTokenizer tok = Stories260K.tokenizer();
        try (NDManager manager = NDManager.newBaseManager(); LlamaModel model = Stories260K.load(manager)) {
            assertThat(model.config().numKvHeads()).isEqualTo(4);
            assertThat(model.config().numHeads()).isEqualTo(8);
            GenerationResult r = new Generator(model, tok)
                    .generate(new int[] {tok.bosId()}, SamplingConfig.greedy(80).withStopAtEos(false));
            int[] generated = r.get(0).tokens();
            assertThat(generated).hasSize(80);
            int[] withBos = r.get(0).fullIds();
            assertThat(tok.decode(withBos)).isEqualTo(Stories260K.REFERENCE_80);
        }
    }
}
