package io.rlhf4j.model.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rlhf4j.model.Gpt2Config;
import io.rlhf4j.model.LlamaConfig;
import io.rlhf4j.model.ModelConfig;

/**
 * Hugging Face {@code config.json} ⇄ {@link ModelConfig}, using transformers' field names
 * (LlamaConfig, Qwen2Config, GPT2Config), in the layouts of transformers v4 and v5 (see {@link HfRope}).
 * Settings this engine does not implement (yarn rope scaling, sliding windows, other activations),
 * and keys it does not know ({@link HfConfigKeys}), are rejected rather than silently ignored.
 */
public final class HfConfig {
    static final ObjectMapper JSON = new ObjectMapper();

    private HfConfig() {}

    /** Parses config.json; {@code source} names the file in errors. */
    public static ModelConfig parse(JsonNode n, String source) {
        String type = text(n, "model_type", source);
        return switch (type) {
            case "llama", "qwen2" -> parseLlama(n, type, source);
            case "gpt2" -> parseGpt2(n, source);
            default -> throw new IllegalArgumentException(source + ": model_type \"" + type
                    + "\" is not supported (llama, qwen2, gpt2)");
        };
    }

    private static LlamaConfig parseLlama(JsonNode n, String type, String source) {
        HfConfigKeys.requireKnown(n, HfConfigKeys.LLAMA, source);
        String act = n.path("hidden_act").asText("silu");
        if (!act.equals("silu")) throw new IllegalArgumentException(source + ": hidden_act \"" + act + "\" unsupported (silu only)");
        if (n.path("use_sliding_window").asBoolean(false)) {
            throw new IllegalArgumentException(source + ": use_sliding_window=true is not supported");
        }
        if (n.path("mlp_bias").asBoolean(false)) throw new IllegalArgumentException(source + ": mlp_bias=true is not supported");
        int maxPositions = integer(n, "max_position_embeddings", source);
        HfRope rope = HfRope.parse(n, maxPositions, source);
        boolean qwen = type.equals("qwen2");
        boolean attnBias = n.path("attention_bias").asBoolean(false);
        LlamaConfig.Builder b = LlamaConfig.builder(type).vocabSize(integer(n, "vocab_size", source))
                .hiddenSize(integer(n, "hidden_size", source)).intermediateSize(integer(n, "intermediate_size", source))
                .numLayers(integer(n, "num_hidden_layers", source)).numHeads(integer(n, "num_attention_heads", source))
                .maxPositions(maxPositions).rmsNormEps(n.path("rms_norm_eps").asDouble(1e-6))
                .ropeTheta(rope.theta()).ropeScaling(rope.scaling())
                .tieWordEmbeddings(n.path("tie_word_embeddings").asBoolean(false))
                .qkvBias(qwen || attnBias).oProjBias(!qwen && attnBias)
                .bosTokenId(tokenId(n, "bos_token_id")).eosTokenId(tokenId(n, "eos_token_id"));
        if (present(n, "num_key_value_heads")) b.numKvHeads(integer(n, "num_key_value_heads", source));
        if (present(n, "head_dim")) b.headDim(integer(n, "head_dim", source));
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static boolean present(JsonNode n, String field) {
        return n.has(field) && !n.get(field).isNull();
    }

    private static Gpt2Config parseGpt2(JsonNode n, String source) {
        HfConfigKeys.requireKnown(n, HfConfigKeys.GPT2, source);
        String act = n.path("activation_function").asText("gelu_new");
        if (!act.equals("gelu_new") && !act.equals("gelu_pytorch_tanh")) {
            throw new IllegalArgumentException(source + ": activation_function \"" + act + "\" unsupported (gelu_new)");
        }
        if (n.path("scale_attn_by_inverse_layer_idx").asBoolean(false) || n.path("reorder_and_upcast_attn").asBoolean(false)
                || !n.path("scale_attn_weights").asBoolean(true) || !n.path("tie_word_embeddings").asBoolean(true)) {
            throw new IllegalArgumentException(source + ": non-default GPT-2 attention/tying options are not supported");
        }
        int hidden = integer(n, "n_embd", source);
        int inner = n.has("n_inner") && !n.get("n_inner").isNull() ? integer(n, "n_inner", source) : 4 * hidden;
        try {
            return new Gpt2Config(integer(n, "vocab_size", source), hidden, inner, integer(n, "n_layer", source),
                    integer(n, "n_head", source), integer(n, "n_positions", source),
                    n.path("layer_norm_epsilon").asDouble(1e-5), tokenId(n, "bos_token_id"), tokenId(n, "eos_token_id"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    /** config.json content transformers can load (its own defaults written out for clarity). */
    public static ObjectNode toJson(ModelConfig config) {
        ObjectNode n = JSON.createObjectNode();
        switch (config) {
            case LlamaConfig c -> {
                boolean qwen = c.modelType().equals("qwen2");
                n.putArray("architectures").add(qwen ? "Qwen2ForCausalLM" : "LlamaForCausalLM");
                n.put("model_type", c.modelType());
                n.put("vocab_size", c.vocabSize());
                n.put("hidden_size", c.hiddenSize());
                n.put("intermediate_size", c.intermediateSize());
                n.put("num_hidden_layers", c.numLayers());
                n.put("num_attention_heads", c.numHeads());
                n.put("num_key_value_heads", c.numKvHeads());
                if (!qwen) n.put("head_dim", c.headDim());
                else if (c.headDim() != c.hiddenSize() / c.numHeads()) {
                    throw new IllegalArgumentException("qwen2 config.json cannot express head_dim " + c.headDim());
                }
                n.put("max_position_embeddings", c.maxPositions());
                n.put("rms_norm_eps", c.rmsNormEps());
                new HfRope(c.ropeTheta(), c.ropeScaling()).write(n);
                n.put("tie_word_embeddings", c.tieWordEmbeddings());
                if (!qwen) {
                    if (c.qkvBias() != c.oProjBias()) throw new IllegalArgumentException("llama attention_bias covers q, k, v and o together");
                    n.put("attention_bias", c.qkvBias());
                    n.put("mlp_bias", false);
                } else {
                    n.put("use_sliding_window", false);
                }
                n.put("hidden_act", "silu");
            }
            case Gpt2Config c -> {
                n.putArray("architectures").add("GPT2LMHeadModel");
                n.put("model_type", "gpt2");
                n.put("vocab_size", c.vocabSize());
                n.put("n_embd", c.hiddenSize());
                n.put("n_inner", c.innerSize());
                n.put("n_layer", c.numLayers());
                n.put("n_head", c.numHeads());
                n.put("n_positions", c.maxPositions());
                n.put("n_ctx", c.maxPositions());
                n.put("layer_norm_epsilon", c.layerNormEps());
                n.put("activation_function", "gelu_new");
                n.put("tie_word_embeddings", true);
            }
        }
        if (config.bosTokenId() >= 0) n.put("bos_token_id", config.bosTokenId());
        if (config.eosTokenId() >= 0) n.put("eos_token_id", config.eosTokenId());
        // transformers v5 reads "dtype", older versions "torch_dtype"
        n.put("torch_dtype", "float32");
        n.put("dtype", "float32");
        return n;
    }

    private static String text(JsonNode n, String field, String source) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) throw new IllegalArgumentException(source + ": missing or non-text field \"" + field + "\"");
        return v.asText();
    }

    static int integer(JsonNode n, String field, String source) {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException(source + ": missing or non-integer field \"" + field + "\"" + (v == null ? "" : " (" + v + ")"));
        }
        return v.asInt();
    }

    /** Token ids may be a number, a list (first one counts) or null (-1). */
    static int tokenId(JsonNode n, String field) {
        JsonNode v = n.path(field);
        if (v.isArray()) v = v.path(0);
        return v.isIntegralNumber() ? v.asInt() : -1;
    }
}
