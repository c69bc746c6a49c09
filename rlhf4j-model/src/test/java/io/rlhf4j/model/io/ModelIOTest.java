package io.rlhf4j.model.io;

import static io.rlhf4j.model.TinyModels.maxAbsDiff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.model.ModelConfig;
import io.rlhf4j.model.ScalarHeadModel;
import io.rlhf4j.model.Stories260K;
import io.rlhf4j.model.TinyModels;
import io.rlhf4j.model.gpt2.Gpt2Model;
import io.rlhf4j.model.llama.LlamaModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelIOTest {
    @TempDir Path dir;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final long[][] IDS = {{0, 5, 9, 31, 2, 7}, {3, 3, 1, 0, 30, 12}};

    private static ModelConfig tiny(String name) {
        return switch (name) {
            case "llama" -> TinyModels.LLAMA;
            case "qwen2" -> TinyModels.QWEN2;
            case "llama3" -> TinyModels.LLAMA3;
            default -> TinyModels.GPT2;
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama", "qwen2", "llama3", "gpt2"})
    void saveThenLoadGivesIdenticalLogits(String arch) {
        try (NDManager m = NDManager.newBaseManager()) {
            CausalLm model = TinyModels.createPerturbed(tiny(arch), m, 7, DataType.FLOAT32);
            ModelIO.save(model, dir);
            assertThat(dir.resolve("config.json")).exists();
            assertThat(dir.resolve("generation_config.json")).exists();
            CausalLm back = ModelIO.load(dir, m);
            assertThat(back.config()).isEqualTo(model.config());
            assertThat(back.getClass()).isEqualTo(model.getClass());
            NDArray ids = TinyModels.ids(m, IDS);
            assertThat(maxAbsDiff(model.forward(ids, null), back.forward(ids, null))).isZero();
        }
    }

    @Test
    void stories260KConvertedToHfLayoutRoundTripsExactly() {
        try (NDManager m = NDManager.newBaseManager()) {
            LlamaModel model = Stories260K.load(m);
            ModelIO.save(model, dir);
            CausalLm back = ModelIO.load(dir, m);
            assertThat(back.parameters().keySet()).containsExactlyElementsOf(model.parameters().keySet());
            assertThat(back.parameters()).doesNotContainKey("lm_head.weight"); // tied
            NDArray ids = TinyModels.ids(m, new long[][] {{1, 403, 407, 261, 378, 432}});
            NDArray a = model.forward(ids, null), b = back.forward(ids, null);
            assertThat(a.getShape().get(2)).isEqualTo(512);
            assertThat(maxAbsDiff(a, b)).isZero();
        }
    }

    @Test
    void loadsShardedCheckpointThroughIndex() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            CausalLm model = TinyModels.createPerturbed(TinyModels.LLAMA, m, 3, DataType.FLOAT32);
            ModelIO.save(model, dir);
            Files.delete(dir.resolve(ModelIO.WEIGHTS));
            Map<String, NDArray> first = new LinkedHashMap<>(), second = new LinkedHashMap<>();
            ObjectNode index = JSON.createObjectNode();
            index.putObject("metadata").put("total_size", 0);
            ObjectNode map = index.putObject("weight_map");
            int i = 0;
            for (var e : model.parameters().entrySet()) {
                boolean one = i++ % 2 == 0;
                (one ? first : second).put(e.getKey(), e.getValue());
                map.put(e.getKey(), one ? "model-00001-of-00002.safetensors" : "model-00002-of-00002.safetensors");
            }
            Safetensors.write(dir.resolve("model-00001-of-00002.safetensors"), first, Safetensors.WriteType.F32);
            Safetensors.write(dir.resolve("model-00002-of-00002.safetensors"), second, Safetensors.WriteType.F32);
            JSON.writeValue(dir.resolve(ModelIO.INDEX).toFile(), index);
            CausalLm back = ModelIO.load(dir, m);
            NDArray ids = TinyModels.ids(m, IDS);
            assertThat(maxAbsDiff(model.forward(ids, null), back.forward(ids, null))).isZero();
        }
    }

    @Test
    void writesShardsAndAnIndexWhenTheWeightsExceedTheShardSize() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            CausalLm model = TinyModels.createPerturbed(TinyModels.LLAMA, m, 4, DataType.FLOAT32);
            ModelIO.save(model, dir); // a single file first: the sharded save must replace it
            long total = model.parameters().values().stream().mapToLong(a -> a.size() * 4).sum();
            long limit = total / 3 + 1;
            ModelIO.save(model, dir, Safetensors.WriteType.F32, limit);
            assertThat(dir.resolve(ModelIO.WEIGHTS)).doesNotExist();
            var index = JSON.readTree(dir.resolve(ModelIO.INDEX).toFile());
            assertThat(index.path("metadata").path("total_size").asLong()).isEqualTo(total);
            var shardNames = new java.util.TreeSet<String>();
            index.path("weight_map").elements().forEachRemaining(v -> shardNames.add(v.asText()));
            assertThat(shardNames.size()).isBetween(3, 4);
            assertThat(shardNames.first()).isEqualTo(String.format("model-00001-of-%05d.safetensors", shardNames.size()));
            assertThat(index.path("weight_map").size()).isEqualTo(model.parameters().size());
            for (String shard : shardNames) {
                Map<String, NDArray> tensors = Safetensors.read(dir.resolve(shard), m);
                long bytes = tensors.values().stream().mapToLong(a -> a.size() * 4).sum();
                // over the limit only when one tensor alone is
                assertThat(bytes <= limit || tensors.size() == 1).as(shard + " holds " + bytes + " bytes").isTrue();
                tensors.keySet().forEach(t -> assertThat(index.path("weight_map").path(t).asText()).isEqualTo(shard));
            }
            CausalLm back = ModelIO.load(dir, m);
            NDArray ids = TinyModels.ids(m, IDS);
            assertThat(maxAbsDiff(model.forward(ids, null), back.forward(ids, null))).isZero();

            // saving small again goes back to one file and leaves no stale shards behind
            ModelIO.save(model, dir);
            try (var files = Files.list(dir)) {
                assertThat(files.map(f -> f.getFileName().toString()).filter(f -> f.contains("safetensors")).toList())
                        .containsExactly(ModelIO.WEIGHTS);
            }
        }
    }

    @Test
    void readsGenerationConfigWithSeveralEosIds() throws IOException {
        Files.createDirectories(dir);
        assertThat(ModelIO.samplingDefaults(dir, 17)).isEqualTo(io.rlhf4j.model.generate.SamplingConfig.greedy(17));
        Files.writeString(dir.resolve(ModelIO.GENERATION_CONFIG), "{\"do_sample\": true, \"temperature\": 0.7, "
                + "\"top_k\": 20, \"top_p\": 0.8, \"max_new_tokens\": 33, \"eos_token_id\": [151645, 151643]}");
        var cfg = ModelIO.samplingDefaults(dir, 17);
        assertThat(cfg.maxNewTokens()).isEqualTo(33);
        assertThat(cfg.temperature()).isEqualTo(0.7);
        assertThat(cfg.topK()).isEqualTo(20);
        assertThat(cfg.topP()).isEqualTo(0.8);
        assertThat(cfg.stopIds()).containsExactlyInAnyOrder(151645, 151643);
        Files.writeString(dir.resolve(ModelIO.GENERATION_CONFIG), "{\"eos_token_id\": 2}");
        assertThat(ModelIO.samplingDefaults(dir, 5).stopIds()).containsExactly(2);
        assertThat(ModelIO.samplingDefaults(dir, 5).isGreedy()).isTrue();
        Files.writeString(dir.resolve(ModelIO.GENERATION_CONFIG), "{\"eos_token_id\": \"</s>\"}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ModelIO.samplingDefaults(dir, 5))
                .hasMessageContaining("generation_config.json").hasMessageContaining("eos_token_id");
    }

    @Test
    void bf16CheckpointLoadsWithinBf16Precision() {
        try (NDManager m = NDManager.newBaseManager()) {
            CausalLm model = TinyModels.create(TinyModels.GPT2, m, 5, DataType.FLOAT32);
            ModelIO.save(model, dir, Safetensors.WriteType.BF16);
            CausalLm back = ModelIO.load(dir, m);
            for (var e : model.parameters().entrySet()) {
                NDArray orig = e.getValue(), loaded = back.parameters().get(e.getKey());
                // bf16 keeps 8 significant bits: round-to-nearest error ≤ 2^-8 relative, element by element
                NDArray excess = orig.sub(loaded).abs().sub(orig.abs().mul(1.0 / 256));
                assertThat(excess.max().getFloat()).isLessThanOrEqualTo(0f);
                if (orig.getShape().dimension() == 2) assertThat(maxAbsDiff(orig, loaded)).isPositive(); // really rounded
            }
        }
    }

    @Test
    void scalarHeadModelRoundTripsAsSequenceClassifier() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            ScalarHeadModel rm = ScalarHeadModel.withNewHead(TinyModels.create(TinyModels.QWEN2, m, 9, DataType.FLOAT32), 4);
            ModelIO.saveScalarHead(rm, dir, 0);
            assertThat(Files.readString(dir.resolve("config.json"))).contains("Qwen2ForSequenceClassification");
            ScalarHeadModel back = ModelIO.loadScalarHead(dir, m);
            NDArray ids = TinyModels.ids(m, IDS);
            assertThat(maxAbsDiff(rm.scores(ids, null), back.scores(ids, null))).isZero();
            assertThatThrownBy(() -> ModelIO.load(dir, m)).hasMessageContaining("score.weight");
        }
    }

    @Test
    void errorsNameTheFileAndTheFieldOrTensor() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            Gpt2Model model = Gpt2Model.random(TinyModels.GPT2, m, 1, DataType.FLOAT32);
            ModelIO.save(model, dir);

            // missing tensor
            Map<String, NDArray> partial = new LinkedHashMap<>(model.parameters());
            partial.remove("transformer.h.1.mlp.c_fc.bias");
            Safetensors.write(dir.resolve(ModelIO.WEIGHTS), partial, Safetensors.WriteType.F32);
            assertThatThrownBy(() -> ModelIO.load(dir, m))
                    .hasMessageContaining("model.safetensors").hasMessageContaining("missing tensor transformer.h.1.mlp.c_fc.bias");

            // wrong shape
            Map<String, NDArray> wrong = new LinkedHashMap<>(model.parameters());
            wrong.put("transformer.ln_f.bias", m.zeros(new ai.djl.ndarray.types.Shape(3)));
            Safetensors.write(dir.resolve(ModelIO.WEIGHTS), wrong, Safetensors.WriteType.F32);
            assertThatThrownBy(() -> ModelIO.load(dir, m))
                    .hasMessageContaining("transformer.ln_f.bias").hasMessageContaining("(3)").hasMessageContaining("(16)");

            // bad config
            ObjectNode cfg = (ObjectNode) JSON.readTree(dir.resolve("config.json").toFile());
            cfg.remove("n_head");
            JSON.writeValue(dir.resolve("config.json").toFile(), cfg);
            assertThatThrownBy(() -> ModelIO.load(dir, m)).hasMessageContaining("config.json").hasMessageContaining("\"n_head\"");
            cfg.put("n_head", 4);
            cfg.put("model_type", "mamba");
            JSON.writeValue(dir.resolve("config.json").toFile(), cfg);
            assertThatThrownBy(() -> ModelIO.load(dir, m)).hasMessageContaining("model_type \"mamba\"");
        }
    }

    @Test
    void acceptsOriginalGpt2NamesWithoutPrefixAndDropsMaskBuffers() {
        try (NDManager m = NDManager.newBaseManager()) {
            Gpt2Model model = Gpt2Model.random(TinyModels.GPT2, m, 2, DataType.FLOAT32);
            ModelIO.save(model, dir);
            Map<String, NDArray> legacy = new LinkedHashMap<>();
            model.parameters().forEach((k, v) -> legacy.put(k.substring("transformer.".length()), v));
            legacy.put("h.0.attn.bias", m.ones(new ai.djl.ndarray.types.Shape(1, 1, 64, 64)));
            Safetensors.write(dir.resolve(ModelIO.WEIGHTS), legacy, Safetensors.WriteType.F32);
            CausalLm back = ModelIO.load(dir, m);
            NDArray ids = TinyModels.ids(m, IDS);
            assertThat(maxAbsDiff(model.forward(ids, null), back.forward(ids, null))).isZero();
        }
    }
}
