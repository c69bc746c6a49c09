package io.rlhf4j.model.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.model.LlamaConfig;
import io.rlhf4j.model.RopeScaling;
import io.rlhf4j.model.TinyModels;
import io.rlhf4j.model.llama.ReferenceLlama;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * transformers v5 writes RoPE as one {@code rope_parameters} object ({@code rope_type},
 * {@code rope_theta}, the scaling's fields) and the dtype as {@code dtype}. Each model here is saved,
 * its config.json rewritten in that layout, loaded, and compared with {@link ReferenceLlama} given
 * inverse frequencies computed in this test from transformers' formulas.
 */
class TransformersV5ConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** 24 tokens: positions far enough apart that the rotary base shows in the logits. */
    private static final long[] IDS = {1, 5, 9, 31, 2, 7, 3, 3, 30, 12, 4, 8, 17, 22, 6, 11, 29, 1, 14, 25, 19, 2, 27, 10};

    @TempDir Path dir;

    private static LlamaConfig.Builder base(double theta, int maxPositions) {
        return TinyModels.LLAMA.toBuilder().ropeTheta(theta).maxPositions(maxPositions).headDim(8).numHeads(2).numKvHeads(1);
    }

    /** Saves a random model of {@code config}, then rewrites its config.json as transformers v5 would. */
    private CausalLm saveAsV5(LlamaConfig config, NDManager m, ObjectNode ropeParameters) throws IOException {
        CausalLm model = TinyModels.createPerturbed(config, m, 11, DataType.FLOAT32);
        model.parameters().values().forEach(p -> { if (p.getShape().dimension() == 2) p.muli(10); }); // logits of order 1
        ModelIO.save(model, dir);
        ObjectNode cfg = (ObjectNode) JSON.readTree(dir.resolve(ModelIO.CONFIG).toFile());
        cfg.remove(java.util.List.of("rope_theta", "rope_scaling", "torch_dtype"));
        cfg.set("rope_parameters", ropeParameters);
        cfg.put("dtype", "float32");
        cfg.put("transformers_version", "5.0.0");
        JSON.writeValue(dir.resolve(ModelIO.CONFIG).toFile(), cfg);
        return model;
    }

    private static double maxDiff(double[][] a, float[] b) {
        double worst = 0;
        int v = a[0].length;
        for (int p = 0; p < a.length; p++) for (int k = 0; k < v; k++) worst = Math.max(worst, Math.abs(a[p][k] - b[p * v + k]));
        return worst;
    }

    private static double[] plain(double theta, int hd) {
        double[] f = new double[hd / 2];
        for (int i = 0; i < f.length; i++) f[i] = (float) Math.pow(theta, -2.0 * i / hd);
        return f;
    }

    private float[] logitsOfLoaded(NDManager m) {
        CausalLm loaded = ModelIO.load(dir, m);
        return loaded.forward(m.create(IDS, new Shape(1, IDS.length)), null).toFloatArray();
    }

    @Test
    void ropeTheta5e5InRopeParametersMatchesTheReferenceLogits() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            LlamaConfig config = base(500000.0, 64).build();
            ObjectNode rope = JSON.createObjectNode().put("rope_type", "default").put("rope_theta", 500000.0);
            CausalLm model = saveAsV5(config, m, rope);
            ReferenceLlama ref = new ReferenceLlama(config, model.parameters());
            float[] ours = logitsOfLoaded(m);
            assertThat(ModelIO.readConfig(dir)).isEqualTo(config);
            assertThat(maxDiff(ref.logits(IDS, plain(500000.0, 8)), ours)).isLessThanOrEqualTo(1e-4);
            // the base matters at these positions: ignoring rope_parameters (base 10000) would be far off
            assertThat(maxDiff(ref.logits(IDS, plain(10000.0, 8)), ours)).isGreaterThan(1e-2);
        }
    }

    @Test
    void linearScalingDividesEveryFrequency() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            LlamaConfig config = base(500000.0, 64).ropeScaling(new RopeScaling.Linear(4.0)).build();
            ObjectNode rope = JSON.createObjectNode().put("rope_type", "linear").put("rope_theta", 500000.0).put("factor", 4.0);
            CausalLm model = saveAsV5(config, m, rope);
            double[] freq = plain(500000.0, 8);
            for (int i = 0; i < freq.length; i++) freq[i] = (float) (freq[i] / 4.0);
            float[] ours = logitsOfLoaded(m);
            ReferenceLlama ref = new ReferenceLlama(config, model.parameters());
            assertThat(maxDiff(ref.logits(IDS, freq), ours)).isLessThanOrEqualTo(1e-4);
            assertThat(maxDiff(ref.logits(IDS, plain(500000.0, 8)), ours)).isGreaterThan(1e-2);
        }
    }

    @Test
    void dynamicScalingGrowsTheBasePastTheContext() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            int context = 16; // the 24 tokens run past it
            LlamaConfig config = base(10000.0, context).ropeScaling(new RopeScaling.Dynamic(2.0)).build();
            ObjectNode rope = JSON.createObjectNode().put("rope_type", "dynamic").put("rope_theta", 10000.0).put("factor", 2.0);
            CausalLm model = saveAsV5(config, m, rope);
            // transformers' _compute_dynamic_ntk_parameters with seq_len = 24
            double grown = 10000.0 * Math.pow(2.0 * IDS.length / context - 1.0, 8.0 / 6.0);
            float[] ours = logitsOfLoaded(m);
            ReferenceLlama ref = new ReferenceLlama(config, model.parameters());
            assertThat(maxDiff(ref.logits(IDS, plain(grown, 8)), ours)).isLessThanOrEqualTo(1e-4);
            assertThat(maxDiff(ref.logits(IDS, plain(10000.0, 8)), ours)).isGreaterThan(1e-2);
            // within the context it is plain RoPE
            long[] shortIds = java.util.Arrays.copyOf(IDS, context);
            CausalLm loaded = ModelIO.load(dir, m);
            float[] shortLogits = loaded.forward(m.create(shortIds, new Shape(1, context)), null).toFloatArray();
            assertThat(maxDiff(ref.logits(shortIds, plain(10000.0, 8)), shortLogits)).isLessThanOrEqualTo(1e-4);
        }
    }

    @Test
    void llama3ScalingInRopeParametersMatchesTheNumpyFixture() throws IOException, URISyntaxException {
        Path fixture = Path.of(getClass().getResource("/hf-fixtures/llama3-rope-scaling/config.json").toURI()).getParent();
        try (Stream<Path> files = Files.list(fixture)) {
            for (Path f : files.toList()) Files.copy(f, dir.resolve(f.getFileName()));
        }
        ObjectNode cfg = (ObjectNode) JSON.readTree(dir.resolve(ModelIO.CONFIG).toFile());
        ObjectNode rope = ((ObjectNode) cfg.remove("rope_scaling")).put("rope_theta", cfg.remove("rope_theta").asDouble());
        cfg.set("rope_parameters", rope);
        cfg.set("dtype", cfg.remove("torch_dtype"));
        JSON.writeValue(dir.resolve(ModelIO.CONFIG).toFile(), cfg);

        JsonNode ref = JSON.readTree(dir.resolve("reference.json").toFile());
        JsonNode ids = ref.get("input_ids").get(0), logits = ref.get("logits").get(0); // the unpadded row
        long[] row = new long[ids.size()];
        for (int i = 0; i < row.length; i++) row[i] = ids.get(i).asLong();
        try (NDManager m = NDManager.newBaseManager()) {
            CausalLm model = ModelIO.load(dir, m);
            assertThat(((LlamaConfig) model.config()).ropeTheta()).isEqualTo(500000.0);
            float[] ours = model.forward(m.create(row, new Shape(1, row.length)), null).toFloatArray();
            double[][] expected = new double[row.length][];
            for (int p = 0; p < row.length; p++) {
                expected[p] = new double[logits.get(p).size()];
                for (int k = 0; k < expected[p].length; k++) expected[p][k] = logits.get(p).get(k).asDouble();
            }
            assertThat(maxDiff(expected, ours)).isLessThanOrEqualTo(1e-4);
        }
    }

    @Test
    void bothLayoutsMustAgreeAndUnknownRopeOrModelKeysStopTheLoad() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            saveAsV5(base(500000.0, 64).build(), m, JSON.createObjectNode().put("rope_type", "default").put("rope_theta", 500000.0));
        }
        ObjectNode good = (ObjectNode) JSON.readTree(dir.resolve(ModelIO.CONFIG).toFile());
        assertThat(configError(good.deepCopy().put("rope_theta", 10000.0))).contains("disagrees");
        assertThat(configError(good.deepCopy().put("rope_theta", 500000.0))).isNull(); // both layouts, same values
        ObjectNode yarn = good.deepCopy();
        ((ObjectNode) yarn.get("rope_parameters")).put("rope_type", "yarn").put("factor", 4.0);
        assertThat(configError(yarn)).contains("\"yarn\"").contains("not supported");
        ObjectNode perLayer = good.deepCopy();
        perLayer.putObject("rope_parameters").putObject("full_attention").put("rope_type", "default");
        assertThat(configError(perLayer)).contains("per layer type");
        ObjectNode extraRope = good.deepCopy();
        ((ObjectNode) extraRope.get("rope_parameters")).put("attention_factor", 1.2);
        assertThat(configError(extraRope)).contains("rope_parameters.attention_factor");
        assertThat(configError(good.deepCopy().put("attn_logit_softcapping", 50.0)))
                .contains("config.json").contains("attn_logit_softcapping").contains("maths");
        assertThat(configError(good.deepCopy().put("dtype", "int8"))).contains("int8");
        assertThat(configError(good.deepCopy().put("rlhf4j_reward_offset", 0.5).put("use_cache", true))).isNull();
    }

    private String configError(ObjectNode cfg) throws IOException {
        JSON.writeValue(dir.resolve(ModelIO.CONFIG).toFile(), cfg);
        try {
            ModelIO.readConfig(dir);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
