#!/usr/bin/env python3
"""Reference logits for an rlhf4j-written Hugging Face checkpoint directory, in numpy.

Usage:  python3 reference_logits.py DIR > DIR/reference.json

HONESTY NOTE: this is NOT transformers. No machine available to this project had Python
`transformers`/`torch` installed, so this file is a line-by-line numpy transcription of the
forward math of transformers' LlamaForCausalLM / Qwen2ForCausalLM (modeling_llama.py,
modeling_qwen2.py) and GPT2LMHeadModel (modeling_gpt2.py), computed in float64. It checks that
the Java engine and the HF formulas agree on the *same* tensor names, layouts (nn.Linear
[out, in] vs GPT-2 Conv1D [in, out]), rotate_half rotary convention, GQA head grouping, norms and
activations. A run against real `transformers` (AutoModelForCausalLM.from_pretrained(DIR)) is
still pending a machine that has it.

Inputs come from DIR/inputs.json ({"input_ids": [[...]], "attention_mask": [[...]]}). Position ids
are cumsum(attention_mask) - 1 (clipped at 0), which is what transformers' generate() passes for
left-padded batches; compare only positions whose mask is 1.
"""
import json
import struct
import sys
from pathlib import Path

import numpy as np


def read_safetensors(path):
    raw = Path(path).read_bytes()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n])
    data = raw[8 + n:]
    out = {}
    for name, t in header.items():
        if name == "__metadata__":
            continue
        b, e = t["data_offsets"]
        buf = data[b:e]
        if t["dtype"] == "F32":
            a = np.frombuffer(buf, dtype="<f4")
        elif t["dtype"] == "F16":
            a = np.frombuffer(buf, dtype="<f2")
        elif t["dtype"] == "BF16":
            a = (np.frombuffer(buf, dtype="<u2").astype(np.uint32) << 16).view(np.float32)
        else:
            raise ValueError(f"{path}: unsupported dtype {t['dtype']} for {name}")
        out[name] = a.astype(np.float64).reshape(t["shape"])
    return out


def load_weights(d):
    d = Path(d)
    index = d / "model.safetensors.index.json"
    if index.exists():
        w = {}
        for f in sorted(set(json.loads(index.read_text())["weight_map"].values())):
            w.update(read_safetensors(d / f))
        return w
    return read_safetensors(d / "model.safetensors")


def softmax(x):
    x = x - x.max(axis=-1, keepdims=True)
    e = np.exp(x)
    return e / e.sum(axis=-1, keepdims=True)


def additive_mask(mask):
    """[B,1,T,T]: 0 where causal and key is real, finfo.min otherwise (HF's 4D mask)."""
    b, t = mask.shape
    causal = np.tril(np.ones((t, t), dtype=bool))
    allowed = causal[None, None, :, :] & (mask[:, None, None, :] == 1)
    return np.where(allowed, 0.0, np.finfo(np.float32).min).astype(np.float64)


# ---------------------------------------------------------------- Llama / Qwen2 (modeling_llama.py)
def rms_norm(x, w, eps):  # LlamaRMSNorm.forward
    variance = np.mean(x * x, axis=-1, keepdims=True)
    return w * (x / np.sqrt(variance + eps))


def rotate_half(x):  # modeling_llama.rotate_half
    half = x.shape[-1] // 2
    return np.concatenate([-x[..., half:], x[..., :half]], axis=-1)


def llama3_scaling(inv_freq, rs):  # modeling_rope_utils._compute_llama3_parameters
    if not rs or rs.get("rope_type", rs.get("type")) == "default":
        return inv_freq
    assert rs.get("rope_type", rs.get("type")) == "llama3", rs
    factor, low, high = rs["factor"], rs["low_freq_factor"], rs["high_freq_factor"]
    old = rs["original_max_position_embeddings"]
    low_wavelen, high_wavelen = old / low, old / high
    wavelen = 2 * np.pi / inv_freq
    scaled = np.where(wavelen > low_wavelen, inv_freq / factor, inv_freq)
    smooth = (old / wavelen - low) / (high - low)
    smoothed = (1 - smooth) * scaled / factor + smooth * scaled
    medium = ~(wavelen < high_wavelen) & ~(wavelen > low_wavelen)
    return np.where(medium, smoothed, scaled)


def llama_forward(cfg, w, ids, mask):
    qwen = cfg["model_type"] == "qwen2"
    hidden = cfg["hidden_size"]
    nh = cfg["num_attention_heads"]
    nkv = cfg.get("num_key_value_heads") or nh
    hd = cfg.get("head_dim") or hidden // nh
    eps = cfg["rms_norm_eps"]
    qkv_bias = qwen or cfg.get("attention_bias", False)
    o_bias = (not qwen) and cfg.get("attention_bias", False)
    b, t = ids.shape

    pos = np.maximum(np.cumsum(mask, axis=1) - 1, 0)
    # LlamaRotaryEmbedding: inv_freq in float32 as HF, angles pos * inv_freq, emb = cat(freqs, freqs)
    inv_freq = 1.0 / (cfg.get("rope_theta", 10000.0) ** (np.arange(0, hd, 2, dtype=np.int64).astype(np.float32) / hd))
    inv_freq = llama3_scaling(inv_freq.astype(np.float32).astype(np.float64), cfg.get("rope_scaling"))
    freqs = pos[:, :, None].astype(np.float32) * inv_freq.astype(np.float32)[None, None, :]
    emb = np.concatenate([freqs, freqs], axis=-1)
    cos, sin = np.cos(emb).astype(np.float64)[:, None], np.sin(emb).astype(np.float64)[:, None]
    amask = additive_mask(mask)

    def linear(x, name, bias):
        y = x @ w[name + ".weight"].T
        return y + w[name + ".bias"] if bias else y

    x = w["model.embed_tokens.weight"][ids]
    for i in range(cfg["num_hidden_layers"]):
        p = f"model.layers.{i}."
        h = rms_norm(x, w[p + "input_layernorm.weight"], eps)
        q = linear(h, p + "self_attn.q_proj", qkv_bias).reshape(b, t, nh, hd).transpose(0, 2, 1, 3)
        k = linear(h, p + "self_attn.k_proj", qkv_bias).reshape(b, t, nkv, hd).transpose(0, 2, 1, 3)
        v = linear(h, p + "self_attn.v_proj", qkv_bias).reshape(b, t, nkv, hd).transpose(0, 2, 1, 3)
        q = q * cos + rotate_half(q) * sin  # apply_rotary_pos_emb
        k = k * cos + rotate_half(k) * sin
        k = np.repeat(k, nh // nkv, axis=1)  # repeat_kv: head h uses kv head h // n_rep
        v = np.repeat(v, nh // nkv, axis=1)
        scores = q @ k.transpose(0, 1, 3, 2) * hd ** -0.5 + amask  # eager_attention_forward
        o = (softmax(scores) @ v).transpose(0, 2, 1, 3).reshape(b, t, nh * hd)
        x = x + linear(o, p + "self_attn.o_proj", o_bias)
        h = rms_norm(x, w[p + "post_attention_layernorm.weight"], eps)
        gate = h @ w[p + "mlp.gate_proj.weight"].T
        up = h @ w[p + "mlp.up_proj.weight"].T
        x = x + (gate / (1 + np.exp(-gate)) * up) @ w[p + "mlp.down_proj.weight"].T  # LlamaMLP, silu
    x = rms_norm(x, w["model.norm.weight"], eps)
    head = w["model.embed_tokens.weight"] if cfg.get("tie_word_embeddings", False) else w["lm_head.weight"]
    return x @ head.T


# ---------------------------------------------------------------- GPT-2 (modeling_gpt2.py)
def layer_norm(x, g, b, eps):
    mu = x.mean(axis=-1, keepdims=True)
    var = ((x - mu) ** 2).mean(axis=-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * g + b


def gelu_new(x):  # NewGELUActivation
    return 0.5 * x * (1.0 + np.tanh(np.sqrt(2.0 / np.pi) * (x + 0.044715 * x ** 3)))


def gpt2_forward(cfg, w, ids, mask):
    w = {k if k.startswith("transformer.") else "transformer." + k: v for k, v in w.items()}
    d, nh = cfg["n_embd"], cfg["n_head"]
    hd = d // nh
    eps = cfg.get("layer_norm_epsilon", 1e-5)
    b, t = ids.shape
    pos = np.maximum(np.cumsum(mask, axis=1) - 1, 0)
    amask = additive_mask(mask)

    def conv1d(x, name):  # Conv1D: x @ weight[in, out] + bias
        return x @ w[name + ".weight"] + w[name + ".bias"]

    def heads(x):
        return x.reshape(b, t, nh, hd).transpose(0, 2, 1, 3)

    x = w["transformer.wte.weight"][ids] + w["transformer.wpe.weight"][pos]
    for i in range(cfg["n_layer"]):
        p = f"transformer.h.{i}."
        h = layer_norm(x, w[p + "ln_1.weight"], w[p + "ln_1.bias"], eps)
        q, k, v = np.split(conv1d(h, p + "attn.c_attn"), 3, axis=-1)
        q, k, v = heads(q), heads(k), heads(v)
        scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(hd) + amask
        o = (softmax(scores) @ v).transpose(0, 2, 1, 3).reshape(b, t, d)
        x = x + conv1d(o, p + "attn.c_proj")
        h = layer_norm(x, w[p + "ln_2.weight"], w[p + "ln_2.bias"], eps)
        x = x + conv1d(gelu_new(conv1d(h, p + "mlp.c_fc")), p + "mlp.c_proj")
    x = layer_norm(x, w["transformer.ln_f.weight"], w["transformer.ln_f.bias"], eps)
    return x @ w["transformer.wte.weight"].T


def main():
    d = Path(sys.argv[1])
    cfg = json.loads((d / "config.json").read_text())
    inputs = json.loads((d / "inputs.json").read_text())
    ids = np.array(inputs["input_ids"], dtype=np.int64)
    mask = np.array(inputs["attention_mask"], dtype=np.int64)
    w = load_weights(d)
    if cfg["model_type"] in ("llama", "qwen2"):
        logits = llama_forward(cfg, w, ids, mask)
    elif cfg["model_type"] == "gpt2":
        logits = gpt2_forward(cfg, w, ids, mask)
    else:
        raise SystemExit(f"unsupported model_type {cfg['model_type']}")
    json.dump({"source": "numpy transcription of HF modeling code (not transformers)",
               "input_ids": ids.tolist(), "attention_mask": mask.tolist(),
               "logits": np.round(logits, 7).tolist()}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
