package io.rlhf4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.rlhf4j.model.generate.LogProbs;
import io.rlhf4j.model.gpt2.Gpt2Model;
import io.rlhf4j.model.llama.LlamaModel;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Autograd through every block (embedding, norms, rope, grouped-query attention with padding
 * masks, SwiGLU / GELU, tied and untied heads) against central finite differences in float64:
 * for each parameter P and a random direction D, ⟨∇L(P), D⟩ ≈ (L(P + εD) − L(P − εD)) / 2ε.
 * The loss mixes logits with fixed random weights and the masked token log-probs, so every
 * output position and the log-softmax path contribute.
 */
class GradientCheckTest {
    private static final double EPS = 1e-5;
    // second row is left-padded by two positions
    private static final long[][] IDS = {{1, 5, 9, 31, 2, 7}, {0, 0, 1, 30, 12, 4}};
    private static final long[][] MASK = {{1, 1, 1, 1, 1, 1}, {0, 0, 1, 1, 1, 1}};

    @ParameterizedTest
    @ValueSource(strings = {"llama", "qwen2", "gpt2"})
    void autogradMatchesFiniteDifferences(String arch) {
        ModelConfig config = switch (arch) {
            case "llama" -> TinyModels.LLAMA;
            case "qwen2" -> TinyModels.QWEN2;
            default -> TinyModels.GPT2;
        };
        Engine.getInstance().setRandomSeed(17); // the same perturbation and directions every run
        try (NDManager m = NDManager.newBaseManager()) {
            CausalLm model = TinyModels.createPerturbed(config, m, 17, DataType.FLOAT64);
            NDArray ids = TinyModels.ids(m, IDS), mask = TinyModels.ids(m, MASK);
            NDArray weights = m.randomNormal(new Shape(2, 6, config.vocabSize()), DataType.FLOAT64);
            Map<String, NDArray> directions = new LinkedHashMap<>();
            model.parameters().forEach((k, v) -> directions.put(k, m.randomNormal(v.getShape(), DataType.FLOAT64)));

            // Finite differences first, on rebuilt copies, so no array ever needs gradients here.
            Map<String, Double> numeric = new HashMap<>();
            for (String name : model.parameters().keySet()) {
                double plus = lossWith(model, name, directions.get(name).mul(EPS), ids, mask, weights, m);
                double minus = lossWith(model, name, directions.get(name).mul(-EPS), ids, mask, weights, m);
                numeric.put(name, (plus - minus) / (2 * EPS));
            }

            Map<String, Double> analytic = new HashMap<>();
            model.parameters().values().forEach(p -> p.setRequiresGradient(true));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss = loss(model, ids, mask, weights);
                gc.backward(loss);
                model.parameters().forEach((k, v) ->
                        analytic.put(k, v.getGradient().mul(directions.get(k)).sum().getDouble()));
            }
            for (String name : model.parameters().keySet()) {
                double a = analytic.get(name), n = numeric.get(name);
                // Central differences carry an O(EPS^2 * f''') truncation error: ~1e-6 relative has been
                // seen on the embedding for some random directions. A wrong gradient is off by O(1).
                assertThat(Math.abs(a - n)).as("%s: autograd %s vs finite difference %s", name, a, n)
                        .isLessThanOrEqualTo(1e-5 * Math.max(1, Math.abs(n)));
            }
            assertThat(analytic.values().stream().mapToDouble(Math::abs).max().orElse(0)).isGreaterThan(1e-3);
        }
    }

    private static NDArray loss(CausalLm model, NDArray ids, NDArray mask, NDArray weights) {
        NDArray logits = model.forward(ids, mask);
        NDArray realQueries = mask.toType(DataType.FLOAT64, false).reshape(2, 6, 1);
        // a log-prob counts when both the context position and the target are real tokens
        NDArray pairs = mask.get(":, :-1").mul(mask.get(":, 1:")).toType(DataType.FLOAT64, false);
        NDArray logp = LogProbs.of(model, ids, mask).mul(pairs);
        return logits.mul(weights).mul(realQueries).sum().add(logp.sum());
    }

    private static double lossWith(CausalLm model, String name, NDArray delta, NDArray ids, NDArray mask,
                                   NDArray weights, NDManager m) {
        try (NDManager tmp = m.newSubManager()) {
            Map<String, NDArray> params = Parameters.copy(model.parameters(), tmp);
            params.get(name).addi(delta);
            CausalLm copy = switch (model.config()) {
                case LlamaConfig c -> new LlamaModel(c, params, tmp);
                case Gpt2Config c -> new Gpt2Model(c, params, tmp);
            };
            return loss(copy, ids, mask, weights).getDouble();
        }
    }
}
