package io.rlhf4j.model.llama;

import ai.djl.ndarray.NDArray;
import io.rlhf4j.model.LlamaConfig;
import java.util.HashMap;
import java.util.Map;

/**
 * A second Llama forward pass for tests, in plain double-precision loops, written from the formulas
 * of transformers' modeling_llama.py and not from {@link LlamaModel}: no DJL ops, no fused q/k/v, no
 * grouped matmul, its own rotate_half. The caller supplies the rotary inverse frequencies, so a test
 * states the RoPE variant it expects instead of reusing the engine's.
 */
public final class ReferenceLlama {
    private final LlamaConfig c;
    private final Map<String, double[]> w = new HashMap<>();

    public ReferenceLlama(LlamaConfig config, Map<String, NDArray> params) {
        this.c = config;
        params.forEach((k, v) -> {
            float[] f = v.toFloatArray();
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) d[i] = f[i];
            w.put(k, d);
        });
    }

    /**
     * Logits [T][vocab] of one sequence whose tokens sit at positions 0..T-1 (no padding), with
     * rotation angle {@code pos * invFreq[i]} on pairs (i, i + d/2) of each head.
     */
    public double[][] logits(long[] ids, double[] invFreq) {
        int t = ids.length, d = c.hiddenSize(), hd = c.headDim(), nh = c.numHeads(), nkv = c.numKvHeads();
        double[][] x = new double[t][];
        for (int p = 0; p < t; p++) x[p] = row(w.get("model.embed_tokens.weight"), (int) ids[p], d);
        for (int l = 0; l < c.numLayers(); l++) {
            String pre = "model.layers." + l + ".";
            double[][] q = new double[t][], k = new double[t][], v = new double[t][];
            for (int p = 0; p < t; p++) {
                double[] h = rmsNorm(x[p], w.get(pre + "input_layernorm.weight"));
                q[p] = rotate(linear(h, pre + "self_attn.q_proj", c.qkvBias()), p, nh, hd, invFreq);
                k[p] = rotate(linear(h, pre + "self_attn.k_proj", c.qkvBias()), p, nkv, hd, invFreq);
                v[p] = linear(h, pre + "self_attn.v_proj", c.qkvBias());
            }
            for (int p = 0; p < t; p++) {
                double[] o = new double[nh * hd];
                for (int head = 0; head < nh; head++) {
                    int kvHead = head / (nh / nkv); // repeat_kv
                    double[] scores = new double[p + 1];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int s = 0; s <= p; s++) {
                        double dot = 0;
                        for (int i = 0; i < hd; i++) dot += q[p][head * hd + i] * k[s][kvHead * hd + i];
                        scores[s] = dot / Math.sqrt(hd);
                        max = Math.max(max, scores[s]);
                    }
                    double sum = 0;
                    for (int s = 0; s <= p; s++) sum += scores[s] = Math.exp(scores[s] - max);
                    for (int s = 0; s <= p; s++) {
                        for (int i = 0; i < hd; i++) o[head * hd + i] += scores[s] / sum * v[s][kvHead * hd + i];
                    }
                }
                x[p] = add(x[p], linear(o, pre + "self_attn.o_proj", c.oProjBias()));
                double[] h = rmsNorm(x[p], w.get(pre + "post_attention_layernorm.weight"));
                double[] gate = linear(h, pre + "mlp.gate_proj", false), up = linear(h, pre + "mlp.up_proj", false);
                for (int i = 0; i < gate.length; i++) gate[i] = gate[i] / (1 + Math.exp(-gate[i])) * up[i];
                x[p] = add(x[p], linear(gate, pre + "mlp.down_proj", false));
            }
        }
        double[] head = w.get(c.tieWordEmbeddings() ? "model.embed_tokens.weight" : "lm_head.weight");
        double[][] out = new double[t][];
        for (int p = 0; p < t; p++) out[p] = matVec(head, rmsNorm(x[p], w.get("model.norm.weight")), c.vocabSize());
        return out;
    }

    /** HF apply_rotary_pos_emb per head: x*cos + rotate_half(x)*sin, rotate_half(x) = [-x2, x1]. */
    private static double[] rotate(double[] x, int pos, int heads, int hd, double[] invFreq) {
        double[] out = new double[x.length];
        int half = hd / 2;
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < half; i++) {
                double angle = (float) ((float) pos * (float) invFreq[i]); // angles in float32, as HF
                double cos = Math.cos(angle), sin = Math.sin(angle);
                double a = x[h * hd + i], b = x[h * hd + half + i];
                out[h * hd + i] = a * cos - b * sin;
                out[h * hd + half + i] = b * cos + a * sin;
            }
        }
        return out;
    }

    private double[] rmsNorm(double[] x, double[] weight) {
        double ms = 0;
        for (double v : x) ms += v * v;
        double inv = 1 / Math.sqrt(ms / x.length + c.rmsNormEps());
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) out[i] = x[i] * inv * weight[i];
        return out;
    }

    private double[] linear(double[] x, String name, boolean bias) {
        double[] weight = w.get(name + ".weight");
        double[] y = matVec(weight, x, weight.length / x.length);
        if (bias) y = add(y, w.get(name + ".bias"));
        return y;
    }

    /** W [rows, x.length] times x. */
    private static double[] matVec(double[] weight, double[] x, int rows) {
        double[] y = new double[rows];
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int i = 0; i < x.length; i++) s += weight[r * x.length + i] * x[i];
            y[r] = s;
        }
        return y;
    }

    private static double[] row(double[] m, int r, int width) {
        double[] out = new double[width];
        System.arraycopy(m, r * width, out, 0, width);
        return out;
    }

    private static double[] add(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i] + b[i];
        return out;
    }
}
