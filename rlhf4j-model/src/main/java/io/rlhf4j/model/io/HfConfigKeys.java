package io.rlhf4j.model.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Which config.json keys the engine may meet. A key it reads is implemented; a key in
 * {@link #METADATA} does not change a forward pass (names, token ids, generation defaults, dropout
 * rates: dropout is not applied); a key it has never heard of might (softcapping, partial rotary,
 * per-layer rope, quantization...), so it stops the load instead of being ignored, as an unknown
 * key would be by transformers' own loader of an older version. {@code rlhf4j_*} keys are ours.
 */
final class HfConfigKeys {
    private HfConfigKeys() {}

    /** PretrainedConfig's bookkeeping and generation defaults: none of them enters the forward maths. */
    static final Set<String> METADATA = Set.of(
            "architectures", "model_type", "transformers_version", "_name_or_path", "_commit_hash",
            "_attn_implementation", "_attn_implementation_autoset", "torch_dtype", "dtype", "use_cache",
            "initializer_range", "bos_token_id", "eos_token_id", "pad_token_id", "sep_token_id",
            "decoder_start_token_id", "id2label", "label2id", "num_labels", "problem_type", "finetuning_task",
            "tokenizer_class", "prefix", "task_specific_params", "return_dict", "output_hidden_states",
            "output_attentions", "torchscript", "use_bfloat16", "tf_legacy_loss", "chunk_size_feed_forward",
            "is_decoder", "cross_attention_hidden_size", "tie_encoder_decoder", "max_length", "min_length",
            "do_sample", "early_stopping", "num_beams", "num_beam_groups", "diversity_penalty", "temperature",
            "top_k", "top_p", "typical_p", "repetition_penalty", "length_penalty", "no_repeat_ngram_size",
            "encoder_no_repeat_ngram_size", "bad_words_ids", "num_return_sequences", "output_scores",
            "return_dict_in_generate", "forced_bos_token_id", "forced_eos_token_id", "remove_invalid_values",
            "exponential_decay_length_penalty", "suppress_tokens", "begin_suppress_tokens",
            // pretraining_tp slices the same matmuls; the result is the same sum
            "pretraining_tp",
            // must keep transformers' defaults (empty, false, false): checked below
            "pruned_heads", "is_encoder_decoder", "add_cross_attention");

    /** Llama/Qwen2 keys the parser reads (max_window_layers/sliding_window only matter with use_sliding_window). */
    static final Set<String> LLAMA = Set.of("vocab_size", "hidden_size", "intermediate_size", "num_hidden_layers",
            "num_attention_heads", "num_key_value_heads", "head_dim", "max_position_embeddings", "rms_norm_eps",
            "rope_theta", "rope_scaling", "rope_parameters", "tie_word_embeddings", "attention_bias", "mlp_bias",
            "hidden_act", "use_sliding_window", "sliding_window", "max_window_layers", "attention_dropout");

    static final Set<String> GPT2 = Set.of("vocab_size", "n_embd", "n_inner", "n_layer", "n_head", "n_positions",
            "n_ctx", "layer_norm_epsilon", "activation_function", "scale_attn_weights", "scale_attn_by_inverse_layer_idx",
            "reorder_and_upcast_attn", "tie_word_embeddings", "attn_pdrop", "embd_pdrop", "resid_pdrop",
            "summary_activation", "summary_first_dropout", "summary_proj_to_labels", "summary_type", "summary_use_proj");

    /** Floating-point types a checkpoint may declare; the engine computes in float32 from any of them. */
    static final Set<String> DTYPES = Set.of("float32", "float16", "bfloat16", "float64", "auto");

    /** Fails on any key that is neither read for {@code architecture} nor known to be metadata. */
    static void requireKnown(JsonNode config, Set<String> architecture, String source) {
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> it = config.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!architecture.contains(key) && !METADATA.contains(key) && !key.startsWith("rlhf4j_")) unknown.add(key);
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(source + ": unknown key" + (unknown.size() == 1 ? " " : "s ") + unknown
                    + ": it may change the model's maths (rlhf4j implements " + config.path("model_type").asText()
                    + " without it), so the model is not loaded");
        }
        for (String key : List.of("dtype", "torch_dtype")) {
            JsonNode v = config.path(key);
            if (!v.isMissingNode() && !v.isNull() && !DTYPES.contains(v.asText())) {
                throw new IllegalArgumentException(source + ": " + key + " \"" + v.asText() + "\" is not a floating-point type "
                        + DTYPES + " (quantized checkpoints are not supported)");
            }
        }
        if (config.path("pruned_heads").size() > 0) throw new IllegalArgumentException(source + ": pruned_heads is not supported");
        for (String key : List.of("is_encoder_decoder", "add_cross_attention")) {
            if (config.path(key).asBoolean(false)) throw new IllegalArgumentException(source + ": " + key + "=true is not supported");
        }
    }
}
