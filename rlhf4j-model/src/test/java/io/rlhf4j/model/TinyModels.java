package io.rlhf4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.rlhf4j.model.gpt2.Gpt2Model;
import io.rlhf4j.model.llama.LlamaModel;

/** Small random configurations for fast tests. */
public final class TinyModels {
    private TinyModels() {}

    /** GQA (4 query heads over 2 kv heads), untied lm_head. */
    public static final LlamaConfig LLAMA = new LlamaConfig("llama", 32, 16, 24, 2, 4, 2, 4, 64, 1e-5, 10000.0,
            false, false, false, 1, 2, null);
    /** Qwen2: q/k/v biases, tied embeddings, rope_theta as Qwen. */
    public static final LlamaConfig QWEN2 = new LlamaConfig("qwen2", 32, 16, 24, 2, 4, 2, 4, 64, 1e-6, 1000000.0,
            true, true, false, 1, 2, null);
    /** Llama 3 style rope scaling; original context 16 puts head_dim 8's frequencies in all three bands. */
    public static final LlamaConfig LLAMA3 = new LlamaConfig("llama", 32, 16, 24, 2, 2, 1, 8, 512, 1e-5, 500000.0,
            true, false, false, 1, 2, new RopeScaling.Llama3(8.0, 1.0, 4.0, 16));
    public static final Gpt2Config GPT2 = new Gpt2Config(32, 16, 40, 2, 4, 64, 1e-5, 0, 0);

    public static CausalLm create(ModelConfig config, NDManager manager, long seed, DataType dtype) {
        return switch (config) {
            case LlamaConfig c -> LlamaModel.random(c, manager, seed, dtype);
            case Gpt2Config c -> Gpt2Model.random(c, manager, seed, dtype);
        };
    }

    /** Random biases/norm weights too, so tests cannot pass with parameters at their neutral init. */
    public static CausalLm createPerturbed(ModelConfig config, NDManager manager, long seed, DataType dtype) {
        CausalLm m = create(config, manager, seed, dtype);
        int i = 0;
        for (NDArray p : m.parameters().values()) {
            if (p.getShape().dimension() == 1) {
                NDArray noise = manager.randomNormal(0f, 0.1f, p.getShape(), DataType.FLOAT32).toType(dtype, false);
                p.addi(noise);
                noise.close();
            }
            i++;
        }
        return m;
    }

    public static NDArray ids(NDManager m, long[][] rows) {
        int t = rows[0].length;
        long[] flat = new long[rows.length * t];
        for (int b = 0; b < rows.length; b++) System.arraycopy(rows[b], 0, flat, b * t, t);
        return m.create(flat, new Shape(rows.length, t));
    }

    public static double maxAbsDiff(NDArray a, NDArray b) {
        return a.toType(DataType.FLOAT64, true).sub(b.toType(DataType.FLOAT64, true)).abs().max().getDouble();
    }
}
