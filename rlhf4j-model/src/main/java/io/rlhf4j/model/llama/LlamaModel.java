package io.rlhf4j.model.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import io.rlhf4j.model.Attention;
import io.rlhf4j.model.DecoderModel;
import io.rlhf4j.model.KvCache;
import io.rlhf4j.model.LlamaConfig;
import io.rlhf4j.model.Parameters;
import io.rlhf4j.model.RopeScaling;
import io.rlhf4j.model.Scalars;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Llama / Qwen2 / SmolLM decoder, the math of HF's LlamaForCausalLM written out:
 *
 * <pre>
 * x = embed[ids]
 * per layer:  h = rmsnorm(x);  q,k,v = h Wqkv (+b);  q,k = rope(q,k)
 *             x = x + Wo attn(q, k, v)              (causal, grouped-query)
 *             h = rmsnorm(x);  x = x + Wdown (silu(Wgate h) * Wup h)
 * logits = rmsnorm(x) lm_head      (lm_head = embed when tied)
 * </pre>
 *
 * Rotary embeddings use HF's rotate_half convention (pairs (i, i + d/2) of each head).
 */
public final class LlamaModel extends DecoderModel<LlamaConfig> {
    private final float[] invFreq;
    // Constants of the forward pass, made once (see Scalars for why not x.pow(-0.5)).
    private final NDArray minusHalf, attentionScale;

    /** Takes ownership of {@code params}, moving them into a sub-manager of {@code parent}. */
    public LlamaModel(LlamaConfig config, Map<String, NDArray> params, NDManager parent) {
        super(config, params, parent);
        // Fixed frequencies, except for dynamic scaling past the context (see rotaryTables)
        this.invFreq = config.ropeFrequencies(config.maxPositions());
        this.minusHalf = Scalars.constant(manager(), -0.5);
        this.attentionScale = Scalars.constant(manager(), 1.0 / Math.sqrt(config.headDim()));
    }

    /** Randomly initialised model (see {@link Parameters#random}). */
    public static LlamaModel random(LlamaConfig config, NDManager parent, long seed, DataType dtype) {
        return new LlamaModel(config, Parameters.random(config, parent, seed, dtype), parent);
    }

    /** HF parameter names and shapes in checkpoint order. */
    public static Map<String, Shape> parameterShapes(LlamaConfig c) {
        Map<String, Shape> s = new LinkedHashMap<>();
        long d = c.hiddenSize(), qDim = (long) c.numHeads() * c.headDim(), kvDim = c.kvDim();
        s.put("model.embed_tokens.weight", new Shape(c.vocabSize(), d));
        for (int i = 0; i < c.numLayers(); i++) {
            String p = "model.layers." + i + ".";
            s.put(p + "self_attn.q_proj.weight", new Shape(qDim, d));
            if (c.qkvBias()) s.put(p + "self_attn.q_proj.bias", new Shape(qDim));
            s.put(p + "self_attn.k_proj.weight", new Shape(kvDim, d));
            if (c.qkvBias()) s.put(p + "self_attn.k_proj.bias", new Shape(kvDim));
            s.put(p + "self_attn.v_proj.weight", new Shape(kvDim, d));
            if (c.qkvBias()) s.put(p + "self_attn.v_proj.bias", new Shape(kvDim));
            s.put(p + "self_attn.o_proj.weight", new Shape(d, qDim));
            if (c.oProjBias()) s.put(p + "self_attn.o_proj.bias", new Shape(d));
            s.put(p + "mlp.gate_proj.weight", new Shape(c.intermediateSize(), d));
            s.put(p + "mlp.up_proj.weight", new Shape(c.intermediateSize(), d));
            s.put(p + "mlp.down_proj.weight", new Shape(d, c.intermediateSize()));
            s.put(p + "input_layernorm.weight", new Shape(d));
            s.put(p + "post_attention_layernorm.weight", new Shape(d));
        }
        s.put("model.norm.weight", new Shape(d));
        if (!c.tieWordEmbeddings()) s.put("lm_head.weight", new Shape(c.vocabSize(), d));
        return s;
    }

    @Override
    public LlamaModel copy(NDManager parent) {
        return new LlamaModel(config, Parameters.copy(parameters(), parent), parent);
    }

    @Override
    protected NDArray embedding() { return p("model.embed_tokens.weight"); }

    @Override
    protected NDArray decode(NDArray ids, Attention.Masking masking, KvCache cache) {
        NDManager m = ids.getManager();
        NDArray embed = embedding();
        NDArray bias = masking.bias();
        NDArray[] cosSin = rotaryTables(m, masking.positions(), embed.getDataType());

        NDArray x = Embedding.embedding(ids.toType(DataType.INT64, false), embed, SparseFormat.DENSE).singletonOrThrow();
        x.attach(m);
        for (int i = 0; i < config.numLayers(); i++) {
            String pre = "model.layers." + i + ".";
            x = x.add(attention(pre, rmsNorm(x, p(pre + "input_layernorm.weight")), cosSin, bias, cache, i));
            x = x.add(mlp(pre, rmsNorm(x, p(pre + "post_attention_layernorm.weight"))));
        }
        return rmsNorm(x, p("model.norm.weight"));
    }

    @Override
    public NDArray lmHead(NDArray hidden) {
        NDArray w = config.tieWordEmbeddings() ? p("model.embed_tokens.weight") : p("lm_head.weight");
        return Linear.linear(hidden, w).singletonOrThrow();
    }

    /** x / sqrt(mean(x²) + eps) * w, over the last axis. */
    private NDArray rmsNorm(NDArray x, NDArray weight) {
        NDArray meanSquare = x.square().mean(new int[] {x.getShape().dimension() - 1}, true);
        return x.mul(meanSquare.add(config.rmsNormEps()).pow(minusHalf)).mul(weight);
    }

    private NDArray attention(String pre, NDArray h, NDArray[] cosSin, NDArray bias, KvCache cache, int layer) {
        long b = h.getShape().get(0), t = h.getShape().get(1);
        int nh = config.numHeads(), nkv = config.numKvHeads(), hd = config.headDim();
        // One matmul for q, k and v: concatenate the three weight matrices along the output axis.
        NDArray w = NDArrays.concat(new NDList(p(pre + "self_attn.q_proj.weight"),
                p(pre + "self_attn.k_proj.weight"), p(pre + "self_attn.v_proj.weight")), 0);
        w.attach(h.getManager());
        NDArray bqkv = null;
        if (config.qkvBias()) {
            bqkv = NDArrays.concat(new NDList(p(pre + "self_attn.q_proj.bias"),
                    p(pre + "self_attn.k_proj.bias"), p(pre + "self_attn.v_proj.bias")), 0);
            bqkv.attach(h.getManager());
        }
        NDArray qkv = Linear.linear(h, w, bqkv).singletonOrThrow()
                .reshape(b, t, nh + 2L * nkv, hd).transpose(0, 2, 1, 3); // [B, heads, T, hd]
        NDList qkAndV = qkv.split(new long[] {nh + nkv}, 1);
        NDList qk = rope(qkAndV.get(0), cosSin).split(new long[] {nh}, 1); // rotate q and k together
        NDArray q = qk.get(0), k = qk.get(1), v = qkAndV.get(1);
        if (cache != null) {
            NDArray[] kv = cache.append(layer, k, v);
            k = kv[0];
            v = kv[1];
        }
        NDArray out = Attention.attend(q, k, v, bias, attentionScale);
        NDArray ob = config.oProjBias() ? p(pre + "self_attn.o_proj.bias") : null;
        return Linear.linear(out, p(pre + "self_attn.o_proj.weight"), ob).singletonOrThrow();
    }

    /** SwiGLU: down(silu(gate(h)) * up(h)). */
    private NDArray mlp(String pre, NDArray h) {
        NDArray gate = Linear.linear(h, p(pre + "mlp.gate_proj.weight")).singletonOrThrow();
        NDArray up = Linear.linear(h, p(pre + "mlp.up_proj.weight")).singletonOrThrow();
        NDArray act = gate.mul(Activation.sigmoid(gate)).mul(up);
        return Linear.linear(act, p(pre + "mlp.down_proj.weight")).singletonOrThrow();
    }

    /**
     * cos and signed-sin tables [B, 1, T, hd] for HF rope: angle(pos, i) = pos * invFreq[i mod hd/2].
     * rope(x) = x*cos + rotate_half(x)*sin with rotate_half(x) = [-x2, x1]; we store sin as
     * [-sin, sin] so the rotation is x*cos + [x2, x1]*signedSin.
     */
    private NDArray[] rotaryTables(NDManager m, NDArray positions, DataType dtype) {
        long b = positions.getShape().get(0), t = positions.getShape().get(1);
        float[] freq = invFreq;
        if (config.ropeScaling() instanceof RopeScaling.Dynamic) {
            // transformers sizes the dynamic base on max(position_ids) + 1 of the pass
            freq = config.ropeFrequencies((int) positions.max().getLong() + 1);
        }
        NDArray inv = m.create(freq).reshape(1, 1, freq.length);
        NDArray angles = positions.toType(DataType.FLOAT32, false).reshape(b, t, 1).mul(inv); // float32 as in HF
        NDArray cosHalf = angles.cos(), sinHalf = angles.sin();
        NDArray cos = NDArrays.concat(new NDList(cosHalf, cosHalf), 2).toType(dtype, false).reshape(b, 1, t, -1);
        NDArray sin = NDArrays.concat(new NDList(sinHalf.neg(), sinHalf), 2).toType(dtype, false).reshape(b, 1, t, -1);
        return new NDArray[] {cos, sin};
    }

    private NDArray rope(NDArray x, NDArray[] cosSin) {
        int half = config.headDim() / 2;
        NDList halves = x.split(new long[] {half}, 3); // x is [B, heads, T, hd]
        NDArray swapped = NDArrays.concat(new NDList(halves.get(1), halves.get(0)), 3);
        return x.mul(cosSin[0]).add(swapped.mul(cosSin[1]));
    }
}
