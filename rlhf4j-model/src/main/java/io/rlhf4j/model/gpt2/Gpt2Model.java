package io.rlhf4j.model.gpt2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import io.rlhf4j.model.Attention;
import io.rlhf4j.model.DecoderModel;
import io.rlhf4j.model.Gpt2Config;
import io.rlhf4j.model.KvCache;
import io.rlhf4j.model.Parameters;
import io.rlhf4j.model.Scalars;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GPT-2, the math of HF's GPT2LMHeadModel written out:
 *
 * <pre>
 * x = wte[ids] + wpe[positions]
 * per layer:  x = x + c_proj(attn(c_attn(ln_1(x))))       (causal, all heads full size)
 *             x = x + mlp.c_proj(gelu_tanh(mlp.c_fc(ln_2(x))))
 * logits = ln_f(x) wteᵀ                                      (tied)
 * </pre>
 *
 * HF's Conv1D stores weights as [in, out] (the transpose of nn.Linear), so they are applied as x·W.
 */
public final class Gpt2Model extends DecoderModel<Gpt2Config> {
    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);

    // Constants of the forward pass, made once (see Scalars for why not x.mul(0.5)); types as DJL's Number overloads.
    private final NDArray geluLinear, geluCubic, attentionScale;

    /** Takes ownership of {@code params}, moving them into a sub-manager of {@code parent}. */
    public Gpt2Model(Gpt2Config config, Map<String, NDArray> params, NDManager parent) {
        super(config, params, parent);
        this.geluLinear = Scalars.constant(manager(), 2 * SQRT_2_OVER_PI);
        this.geluCubic = Scalars.constant(manager(), 2 * SQRT_2_OVER_PI * 0.044715);
        this.attentionScale = Scalars.constant(manager(), 1.0 / Math.sqrt(config.headDim()));
    }

    public static Gpt2Model random(Gpt2Config config, NDManager parent, long seed, DataType dtype) {
        return new Gpt2Model(config, Parameters.random(config, parent, seed, dtype), parent);
    }

    /** HF parameter names and shapes in checkpoint order. */
    public static Map<String, Shape> parameterShapes(Gpt2Config c) {
        Map<String, Shape> s = new LinkedHashMap<>();
        long d = c.hiddenSize(), inner = c.innerSize();
        s.put("transformer.wte.weight", new Shape(c.vocabSize(), d));
        s.put("transformer.wpe.weight", new Shape(c.maxPositions(), d));
        for (int i = 0; i < c.numLayers(); i++) {
            String p = "transformer.h." + i + ".";
            s.put(p + "ln_1.weight", new Shape(d));
            s.put(p + "ln_1.bias", new Shape(d));
            s.put(p + "attn.c_attn.weight", new Shape(d, 3 * d));
            s.put(p + "attn.c_attn.bias", new Shape(3 * d));
            s.put(p + "attn.c_proj.weight", new Shape(d, d));
            s.put(p + "attn.c_proj.bias", new Shape(d));
            s.put(p + "ln_2.weight", new Shape(d));
            s.put(p + "ln_2.bias", new Shape(d));
            s.put(p + "mlp.c_fc.weight", new Shape(d, inner));
            s.put(p + "mlp.c_fc.bias", new Shape(inner));
            s.put(p + "mlp.c_proj.weight", new Shape(inner, d));
            s.put(p + "mlp.c_proj.bias", new Shape(d));
        }
        s.put("transformer.ln_f.weight", new Shape(d));
        s.put("transformer.ln_f.bias", new Shape(d));
        return s;
    }

    @Override
    public Gpt2Model copy(NDManager parent) {
        return new Gpt2Model(config, Parameters.copy(parameters(), parent), parent);
    }

    @Override
    protected NDArray embedding() { return p("transformer.wte.weight"); }

    @Override
    protected NDArray decode(NDArray ids, Attention.Masking masking, KvCache cache) {
        NDManager m = ids.getManager();
        NDArray wte = p("transformer.wte.weight");
        NDArray bias = masking.bias(), positions = masking.positions();

        NDArray tokens = Embedding.embedding(ids.toType(DataType.INT64, false), wte, SparseFormat.DENSE).singletonOrThrow();
        tokens.attach(m);
        NDArray x = tokens.add(Embedding.embedding(positions, p("transformer.wpe.weight"), SparseFormat.DENSE).singletonOrThrow());
        for (int i = 0; i < config.numLayers(); i++) {
            String pre = "transformer.h." + i + ".";
            x = x.add(attention(pre, layerNorm(x, pre + "ln_1"), bias, cache, i));
            x = x.add(mlp(pre, layerNorm(x, pre + "ln_2")));
        }
        return layerNorm(x, "transformer.ln_f");
    }

    @Override
    public NDArray lmHead(NDArray hidden) {
        return Linear.linear(hidden, p("transformer.wte.weight")).singletonOrThrow();
    }

    private NDArray layerNorm(NDArray x, String prefix) {
        return LayerNorm.layerNorm(x, new Shape(config.hiddenSize()), p(prefix + ".weight"), p(prefix + ".bias"),
                (float) config.layerNormEps()).singletonOrThrow();
    }

    /**
     * Conv1D: x·W + b with W [in, out], as one linear (addmm: the bias goes into the matmul's
     * output instead of a second pass over it). Linear wants [out, in]: W's transpose is a view, made
     * per call because a view taken before the weights require gradients would not carry them.
     */
    private NDArray conv1d(NDArray x, String prefix) {
        NDArray wT = p(prefix + ".weight").transpose();
        wT.attach(x.getManager()); // the view dies with the step, not with the model
        return Linear.linear(x, wT, p(prefix + ".bias")).singletonOrThrow();
    }

    private NDArray attention(String pre, NDArray h, NDArray bias, KvCache cache, int layer) {
        long b = h.getShape().get(0), t = h.getShape().get(1);
        int nh = config.numHeads(), hd = config.headDim();
        NDArray qkv = conv1d(h, pre + "attn.c_attn").reshape(b, t, 3L * nh, hd).transpose(0, 2, 1, 3);
        NDList parts = qkv.split(3, 1); // q, k, v: [B, H, T, hd] each
        NDArray q = parts.get(0), k = parts.get(1), v = parts.get(2);
        if (cache != null) {
            NDArray[] kv = cache.append(layer, k, v);
            k = kv[0];
            v = kv[1];
        }
        return conv1d(Attention.attend(q, k, v, bias, attentionScale), pre + "attn.c_proj");
    }

    /**
     * HF "gelu_new": 0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³))), computed as the identical
     * x · sigmoid(x (a + b x²)) with a = 2√(2/π), b = 0.044715 a (0.5 (1 + tanh z) = sigmoid(2z)):
     * six passes over the [B, T, 4d] activations instead of eight, and fewer saved for backward.
     */
    private NDArray mlp(String pre, NDArray h) {
        NDArray x = conv1d(h, pre + "mlp.c_fc");
        NDArray gelu = x.mul(Activation.sigmoid(x.mul(x.square().mul(geluCubic).add(geluLinear))));
        return conv1d(gelu, pre + "mlp.c_proj");
    }
}
