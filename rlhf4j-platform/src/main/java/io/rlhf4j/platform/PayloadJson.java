package io.rlhf4j.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rlhf4j.core.data.PairwiseChoice;
import io.rlhf4j.core.data.PolicyCategory;
import io.rlhf4j.core.data.RubricDimension;
import io.rlhf4j.core.data.Severity;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * JSON for {@link JudgmentPayload}: the API's request body and the form kept in the assignment row
 * (so a retried submission can be compared with the first). Parsing names the field that is wrong.
 */
public final class PayloadJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PayloadJson() {}

    public static JudgmentPayload parse(TaskType type, JsonNode n) {
        if (n == null || !n.isObject()) throw PlatformError.invalid("body", "must be a JSON object");
        String justification = optionalString(n, "justification");
        long time = n.hasNonNull("time_spent_ms") ? integer(n, "time_spent_ms") : 0L;
        return switch (type) {
            case PAIRWISE -> new JudgmentPayload.Pairwise(enumOf(PairwiseChoice.class, n, "choice"),
                    n.hasNonNull("strength") ? (int) integer(n, "strength") : 0, justification, time);
            case RANKING -> new JudgmentPayload.Ranking(tiers(n), justification, time);
            case RATING -> new JudgmentPayload.Rating(scores(n), n.hasNonNull("scale_points") ? (int) integer(n, "scale_points") : 5,
                    justification, time);
            case SAFETY -> {
                boolean safe = n.path("category").isNull() || "none".equals(n.path("category").asText(""));
                yield new JudgmentPayload.Safety(safe ? null : category(n),
                        safe ? null : enumOf(Severity.class, n, "severity"), justification, time);
            }
            case MULTI_TURN -> new JudgmentPayload.MultiTurn(enumOf(PairwiseChoice.class, n, "choice"),
                    n.hasNonNull("strength") ? (int) integer(n, "strength") : 0, optionalString(n, "next_user_turn"), justification, time);
            case DEMONSTRATION -> new JudgmentPayload.Demonstration(string(n, "text"),
                    n.hasNonNull("edited_from") ? (int) integer(n, "edited_from") : null, justification, time);
        };
    }

    public static String write(JudgmentPayload p) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("task_type", p.taskType().wireName());
        switch (p) {
            case JudgmentPayload.Pairwise x -> n.put("choice", x.choice().name()).put("strength", x.strength());
            case JudgmentPayload.MultiTurn x -> {
                n.put("choice", x.choice().name()).put("strength", x.strength());
                if (x.nextUserTurn() != null) n.put("next_user_turn", x.nextUserTurn());
            }
            case JudgmentPayload.Ranking x -> {
                ArrayNode tiers = n.putArray("tiers");
                x.tiers().forEach(t -> t.forEach(tiers.addArray()::add));
            }
            case JudgmentPayload.Rating x -> {
                ObjectNode s = n.putObject("scores");
                x.scores().forEach((d, v) -> s.put(d.wireName(), v));
                n.put("scale_points", x.scalePoints());
            }
            case JudgmentPayload.Safety x -> {
                n.put("category", x.category() == null ? "none" : x.category().wireName());
                if (x.severity() != null) n.put("severity", x.severity().name());
            }
            case JudgmentPayload.Demonstration x -> {
                n.put("text", x.text());
                if (x.editedFrom() != null) n.put("edited_from", x.editedFrom());
            }
        }
        if (p.justification() != null) n.put("justification", p.justification());
        n.put("time_spent_ms", p.timeSpentMs());
        return n.toString();
    }

    public static JudgmentPayload read(String json) {
        try {
            JsonNode n = MAPPER.readTree(json);
            return parse(TaskType.parse(n.path("task_type").asText(), "task_type"), n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored payload is not JSON", e);
        }
    }

    private static List<List<Integer>> tiers(JsonNode n) {
        JsonNode t = n.get("tiers");
        if (t == null || !t.isArray()) throw PlatformError.invalid("tiers", "must be an array of arrays of positions");
        List<List<Integer>> out = new ArrayList<>();
        for (JsonNode tier : t) {
            if (!tier.isArray()) throw PlatformError.invalid("tiers", "each tier must be an array of positions");
            List<Integer> positions = new ArrayList<>();
            for (JsonNode p : tier) {
                if (!p.canConvertToInt()) throw PlatformError.invalid("tiers", "positions must be integers");
                positions.add(p.asInt());
            }
            out.add(positions);
        }
        return out;
    }

    private static Map<RubricDimension, Integer> scores(JsonNode n) {
        JsonNode s = n.get("scores");
        if (s == null || !s.isObject() || s.isEmpty()) throw PlatformError.invalid("scores", "must be an object of dimension: score");
        Map<RubricDimension, Integer> out = new EnumMap<>(RubricDimension.class);
        for (var it = s.fields(); it.hasNext(); ) {
            var e = it.next();
            RubricDimension d;
            try {
                d = RubricDimension.parse(e.getKey());
            } catch (IllegalArgumentException ex) {
                throw PlatformError.invalid("scores." + e.getKey(), ex.getMessage());
            }
            if (!e.getValue().canConvertToInt()) throw PlatformError.invalid("scores." + e.getKey(), "must be an integer");
            out.put(d, e.getValue().asInt());
        }
        return out;
    }

    private static PolicyCategory category(JsonNode n) {
        try {
            return PolicyCategory.parse(string(n, "category"));
        } catch (IllegalArgumentException e) {
            throw PlatformError.invalid("category", e.getMessage());
        }
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, JsonNode n, String field) {
        String v = string(n, field);
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw PlatformError.invalid(field, "unknown value '" + v + "'");
        }
    }

    private static String string(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) throw PlatformError.invalid(field, "is required (a string)");
        return v.asText();
    }

    private static String optionalString(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw PlatformError.invalid(field, "must be a string");
        return v.asText();
    }

    private static long integer(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToLong() || !v.isIntegralNumber()) throw PlatformError.invalid(field, "must be an integer");
        return v.asLong();
    }
}
