package io.rlhf4j.model.io;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.model.ModelConfig;
import io.rlhf4j.model.TinyModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One-off generator (not a test) of the committed fixtures under
 * src/test/resources/hf-fixtures/: tiny random checkpoints written by {@link ModelIO} plus
 * inputs.json. Then {@code python3 src/test/python/reference_logits.py DIR > DIR/reference.json}.
 * Usage: java ... WriteHfFixtures src/test/resources/hf-fixtures
 */
public final class WriteHfFixtures {
    public static final String INPUTS = "{\"input_ids\": [[1, 5, 9, 31, 2, 7], [0, 0, 1, 30, 12, 4]], "
            + "\"attention_mask\": [[1, 1, 1, 1, 1, 1], [0, 0, 1, 1, 1, 1]]}\n";

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        Map<String, ModelConfig> fixtures = Map.of("llama-gqa", TinyModels.LLAMA, "qwen2", TinyModels.QWEN2,
                "gpt2", TinyModels.GPT2, "llama3-rope-scaling", TinyModels.LLAMA3);
        if (args.length > 1) fixtures = Map.of(args[1], fixtures.get(args[1]));
        try (NDManager m = NDManager.newBaseManager()) {
            for (var e : fixtures.entrySet()) {
                CausalLm model = TinyModels.createPerturbed(e.getValue(), m, 1234, DataType.FLOAT32);
                // std 0.2 instead of 0.02: logits of order 1, so a wrong convention shows far above atol 1e-4
                model.parameters().values().forEach(p -> { if (p.getShape().dimension() == 2) p.muli(10); });
                Path dir = root.resolve(e.getKey());
                ModelIO.save(model, dir);
                Files.writeString(dir.resolve("inputs.json"), INPUTS);
            }
        }
    }
}
