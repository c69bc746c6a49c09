package io.rlhf4j.model.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rlhf4j.model.RopeScaling;
import java.util.Iterator;
import java.util.Set;

/**
 * RoPE settings in both of transformers' config.json layouts: up to v4, {@code rope_theta} plus an
 * optional {@code rope_scaling} object; from v5, one {@code rope_parameters} object holding
 * {@code rope_type}, {@code rope_theta} and the scaling's own fields. A file may carry both (v5
 * writes the old keys for older readers); then they must agree. Missing everything means plain RoPE
 * with base 10000, transformers' default.
 */
record HfRope(double theta, RopeScaling scaling) {
    static final double DEFAULT_THETA = 10000.0;

    /** Fields a rope object may hold for the types implemented here; anything else changes the maths. */
    private static final Set<String> FIELDS = Set.of("rope_type", "type", "rope_theta", "factor", "low_freq_factor",
            "high_freq_factor", "original_max_position_embeddings", "partial_rotary_factor");

    static HfRope parse(JsonNode config, int maxPositions, String source) {
        JsonNode v5 = config.path("rope_parameters");
        JsonNode v4Scaling = config.path("rope_scaling");
        JsonNode v4Theta = config.path("rope_theta");
        HfRope old = null;
        if (!v4Theta.isMissingNode() || (!v4Scaling.isMissingNode() && !v4Scaling.isNull())) {
            double theta = v4Theta.isMissingNode() || v4Theta.isNull() ? DEFAULT_THETA : number(v4Theta, "rope_theta", source);
            old = new HfRope(theta, scaling(v4Scaling, "rope_scaling", maxPositions, source));
        }
        if (v5.isMissingNode() || v5.isNull()) return old != null ? old : new HfRope(DEFAULT_THETA, null);
        if (!v5.isObject()) throw new IllegalArgumentException(source + ": rope_parameters must be an object, got " + v5);
        if (v5.elements().hasNext() && v5.elements().next().isObject()) {
            throw new IllegalArgumentException(source + ": rope_parameters per layer type " + v5.fieldNames().next()
                    + "... is not supported (one set for every layer only)");
        }
        JsonNode t = v5.path("rope_theta");
        double theta = !t.isMissingNode() && !t.isNull() ? number(t, "rope_parameters.rope_theta", source)
                : old != null ? old.theta : DEFAULT_THETA;
        HfRope fresh = new HfRope(theta, scaling(v5, "rope_parameters", maxPositions, source));
        if (old != null && !old.equals(fresh)) {
            throw new IllegalArgumentException(source + ": rope_parameters " + fresh + " disagrees with rope_theta/rope_scaling "
                    + old + ": which one the model was trained with is unclear");
        }
        return fresh;
    }

    /** The v4 keys, which transformers v4 reads and v5 still accepts. */
    void write(ObjectNode n) {
        n.put("rope_theta", theta);
        if (scaling == null) {
            n.putNull("rope_scaling");
            return;
        }
        ObjectNode rs = n.putObject("rope_scaling");
        rs.put("rope_type", scaling.type());
        switch (scaling) {
            case RopeScaling.Linear l -> rs.put("factor", l.factor());
            case RopeScaling.Dynamic d -> rs.put("factor", d.factor());
            case RopeScaling.Llama3 l -> {
                rs.put("factor", l.factor());
                rs.put("low_freq_factor", l.lowFreqFactor());
                rs.put("high_freq_factor", l.highFreqFactor());
                rs.put("original_max_position_embeddings", l.originalMaxPositions());
            }
        }
    }

    private static RopeScaling scaling(JsonNode s, String key, int maxPositions, String source) {
        if (s.isMissingNode() || s.isNull()) return null;
        if (!s.isObject()) throw new IllegalArgumentException(source + ": " + key + " must be an object, got " + s);
        for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException(source + ": " + key + "." + f + " is unknown to rlhf4j and may change "
                        + "the rotary embedding, so the model is not loaded");
            }
        }
        JsonNode partial = s.path("partial_rotary_factor");
        if (!partial.isMissingNode() && !partial.isNull() && number(partial, key + ".partial_rotary_factor", source) != 1.0) {
            throw new IllegalArgumentException(source + ": " + key + ".partial_rotary_factor " + partial + " is not supported (1.0 only)");
        }
        String type = s.has("rope_type") ? s.path("rope_type").asText() : s.path("type").asText("default");
        try {
            return switch (type) {
                case "default" -> null;
                case "linear" -> new RopeScaling.Linear(number(s.path("factor"), key + ".factor", source));
                case "dynamic" -> {
                    JsonNode orig = s.path("original_max_position_embeddings");
                    if (!orig.isMissingNode() && !orig.isNull() && orig.asInt() != maxPositions) {
                        // transformers' dynamic NTK grows from max_position_embeddings; a different original is ambiguous
                        throw new IllegalArgumentException(key + ".original_max_position_embeddings " + orig.asInt()
                                + " differs from max_position_embeddings " + maxPositions + " (dynamic scaling grows past the latter)");
                    }
                    yield new RopeScaling.Dynamic(number(s.path("factor"), key + ".factor", source));
                }
                case "llama3" -> new RopeScaling.Llama3(number(s.path("factor"), key + ".factor", source),
                        number(s.path("low_freq_factor"), key + ".low_freq_factor", source),
                        number(s.path("high_freq_factor"), key + ".high_freq_factor", source),
                        (int) number(s.path("original_max_position_embeddings"), key + ".original_max_position_embeddings", source));
                default -> throw new IllegalArgumentException(key + " type \"" + type
                        + "\" is not supported (default, linear, dynamic, llama3)");
            };
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage();
            throw new IllegalArgumentException(msg.startsWith(source) ? msg : source + ": " + msg, e);
        }
    }

    private static double number(JsonNode v, String field, String source) {
        if (!v.isNumber()) throw new IllegalArgumentException(source + ": " + field + " must be a number, got "
                + (v.isMissingNode() ? "nothing" : v.toString()));
        return v.asDouble();
    }
}
