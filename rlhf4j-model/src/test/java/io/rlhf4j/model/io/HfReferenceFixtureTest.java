package io.rlhf4j.model.io;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rlhf4j.model.CausalLm;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compares our logits on committed tiny checkpoints (written by {@link ModelIO}, see
 * {@link WriteHfFixtures}) with src/test/python/reference_logits.py's output. That script is a
 * numpy transcription of transformers' Llama/Qwen2/GPT-2 forward code, not transformers itself;
 * checking against real transformers is pending a machine that has it.
 */
class HfReferenceFixtureTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"llama-gqa", "qwen2", "gpt2", "llama3-rope-scaling"})
    void logitsMatchNumpyTranscriptionOfHfModelingCode(String name) throws IOException, URISyntaxException {
        Path dir = Path.of(getClass().getResource("/hf-fixtures/" + name + "/config.json").toURI()).getParent();
        JsonNode ref = JSON.readTree(dir.resolve("reference.json").toFile());
        JsonNode ids = ref.get("input_ids"), mask = ref.get("attention_mask"), logits = ref.get("logits");
        int b = ids.size(), t = ids.get(0).size();
        long[] idFlat = new long[b * t], maskFlat = new long[b * t];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t; j++) {
                idFlat[i * t + j] = ids.get(i).get(j).asLong();
                maskFlat[i * t + j] = mask.get(i).get(j).asLong();
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            CausalLm model = ModelIO.load(dir, m);
            int v = model.config().vocabSize();
            float[] ours = model.forward(m.create(idFlat, new Shape(b, t)), m.create(maskFlat, new Shape(b, t))).toFloatArray();
            double worst = 0;
            int compared = 0;
            for (int i = 0; i < b; i++) {
                for (int j = 0; j < t; j++) {
                    if (maskFlat[i * t + j] == 0) continue; // pad positions are undefined in both
                    for (int k = 0; k < v; k++) {
                        worst = Math.max(worst, Math.abs(ours[(i * t + j) * v + k] - logits.get(i).get(j).get(k).asDouble()));
                        compared++;
                    }
                }
            }
            assertThat(compared).isEqualTo((b * t - 2) * v);
            assertThat(worst).as("max |java - numpy reference| for %s", name).isLessThanOrEqualTo(1e-4);
        }
    }
}
