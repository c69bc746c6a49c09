package io.rlhf4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** Building, checking and copying named parameter maps. */
public final class Parameters {
    private Parameters() {}

    /** Expected name → shape for an architecture, in checkpoint order. */
    public static Map<String, Shape> expectedShapes(ModelConfig config) {
        return switch (config) {
            case LlamaConfig c -> io.rlhf4j.model.llama.LlamaModel.parameterShapes(c);
            case Gpt2Config c -> io.rlhf4j.model.gpt2.Gpt2Model.parameterShapes(c);
        };
    }

    /**
     * Checks that {@code params} holds exactly the expected names with the expected shapes.
     * {@code source} names the file(s) in error messages.
     */
    public static void validate(ModelConfig config, Map<String, NDArray> params, String source) {
        Map<String, Shape> shapes = new java.util.LinkedHashMap<>();
        params.forEach((name, a) -> shapes.put(name, a.getShape()));
        validateShapes(config, shapes, source);
    }

    /** {@link #validate} on names and shapes alone: a checkpoint checked from its headers, before loading it. */
    public static void validateShapes(ModelConfig config, Map<String, Shape> params, String source) {
        Map<String, Shape> expected = expectedShapes(config);
        for (var e : expected.entrySet()) {
            Shape a = params.get(e.getKey());
            if (a == null) throw new IllegalArgumentException(source + ": missing tensor " + e.getKey());
            if (!a.equals(e.getValue())) {
                throw new IllegalArgumentException(source + ": tensor " + e.getKey() + " has shape " + a
                        + ", config expects " + e.getValue());
            }
        }
        for (String name : params.keySet()) {
            if (!expected.containsKey(name)) throw new IllegalArgumentException(source + ": unexpected tensor " + name);
        }
    }

    /**
     * Random initialisation as in HF's _init_weights: normal(0, 0.02) matrices and embeddings,
     * norm weights 1, biases 0. Uses a Java RNG so a seed fixes the weights on every engine.
     */
    public static Map<String, NDArray> random(ModelConfig config, NDManager manager, long seed, DataType dtype) {
        SplittableRandom rng = new SplittableRandom(seed);
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (var e : expectedShapes(config).entrySet()) {
            String name = e.getKey();
            Shape shape = e.getValue();
            double[] values = new double[Math.toIntExact(shape.size())];
            boolean isNormWeight = name.endsWith("norm.weight") || name.contains(".ln_") && name.endsWith(".weight");
            boolean isBias = name.endsWith(".bias");
            for (int i = 0; i < values.length; i++) {
                values[i] = isNormWeight ? 1.0 : isBias ? 0.0 : 0.02 * gaussian(rng);
            }
            out.put(name, manager.create(values, shape).toType(dtype, false));
        }
        return out;
    }

    /** Deep copy of every array into {@code manager}. */
    public static Map<String, NDArray> copy(Map<String, NDArray> params, NDManager manager) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            NDArray c = v.duplicate();
            c.attach(manager);
            out.put(k, c);
        });
        return out;
    }

    private static double gaussian(SplittableRandom rng) {
        // Box-Muller: SplittableRandom has no nextGaussian before Java 17's RandomGenerator default.
        double u1 = 1.0 - rng.nextDouble(), u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
