package io.rlhf4j.core.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rlhf4j.core.data.Annotator;
import io.rlhf4j.core.data.Completion;
import io.rlhf4j.core.data.Conversation;
import io.rlhf4j.core.data.DatasetEntry;
import io.rlhf4j.core.data.DatasetItem;
import io.rlhf4j.core.data.Demonstration;
import io.rlhf4j.core.data.ExpertiseLevel;
import io.rlhf4j.core.data.Judgment;
import io.rlhf4j.core.data.JudgmentMeta;
import io.rlhf4j.core.data.PairwiseChoice;
import io.rlhf4j.core.data.PairwiseJudgment;
import io.rlhf4j.core.data.PolicyCategory;
import io.rlhf4j.core.data.Prompt;
import io.rlhf4j.core.data.Provenance;
import io.rlhf4j.core.data.RankingJudgment;
import io.rlhf4j.core.data.RatingJudgment;
import io.rlhf4j.core.data.Role;
import io.rlhf4j.core.data.RubricDimension;
import io.rlhf4j.core.data.SafetyFlag;
import io.rlhf4j.core.data.SamplingSettings;
import io.rlhf4j.core.data.Severity;
import io.rlhf4j.core.data.Turn;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Native JSON back to records: the inverse of {@link NativeEncoder}, with every error naming its field path. */
final class NativeDecoder {
    private NativeDecoder() {}

    static DatasetEntry decode(ObjectNode json, Where w) {
        String version = w.text(json, "format", "format");
        if (!NativeEncoder.VERSION.equals(version)) {
            throw w.fail("format", "unsupported version '" + version + "' (this build reads " + NativeEncoder.VERSION + ")");
        }
        String type = w.text(json, "type", "type");
        return switch (type) {
            case "item" -> item(json, w);
            case "annotator" -> annotator(json, w);
            default -> throw w.fail("type", "unknown type '" + type + "' (expected item or annotator)");
        };
    }

    private static Annotator annotator(ObjectNode json, Where w) {
        String id = w.text(json, "id", "id");
        String name = w.optionalText(json, "display_name", "display_name");
        Map<String, ExpertiseLevel> expertise = new LinkedHashMap<>();
        JsonNode node = json.get("expertise");
        if (node != null && !node.isNull()) {
            ObjectNode map = w.asObject(node, "expertise");
            for (var field : (Iterable<Map.Entry<String, JsonNode>>) map::fields) {
                String path = "expertise." + field.getKey();
                if (!field.getValue().isTextual()) throw w.fail(path, "expected a string, found " + Where.kind(field.getValue()));
                expertise.put(field.getKey(), enumValue(ExpertiseLevel.class, field.getValue().textValue(), path, w));
            }
        }
        return w.build("id", () -> new Annotator(id, name, expertise));
    }

    private static DatasetItem item(ObjectNode json, Where w) {
        Prompt prompt = prompt(w.object(json, "prompt", "prompt"), w);
        ArrayNode cs = w.array(json, "completions", "completions");
        List<Completion> completions = new ArrayList<>();
        for (int i = 0; i < cs.size(); i++) {
            completions.add(completion(w.asObject(cs.get(i), "completions[" + i + "]"), prompt.id(), "completions[" + i + "]", w));
        }
        ArrayNode js = w.array(json, "judgments", "judgments");
        List<Judgment> judgments = new ArrayList<>();
        for (int i = 0; i < js.size(); i++) {
            judgments.add(judgment(w.asObject(js.get(i), "judgments[" + i + "]"), prompt.id(), "judgments[" + i + "]", w));
        }
        return w.build("judgments", () -> new DatasetItem(prompt, completions, judgments));
    }

    private static Prompt prompt(ObjectNode json, Where w) {
        String id = w.text(json, "id", "prompt.id");
        String domain = w.optionalText(json, "domain", "prompt.domain");
        ArrayNode ts = w.array(json, "conversation", "prompt.conversation");
        List<Turn> turns = new ArrayList<>();
        for (int i = 0; i < ts.size(); i++) {
            String path = "prompt.conversation[" + i + "]";
            ObjectNode t = w.asObject(ts.get(i), path);
            Role role = w.parsed(path + ".role", w.text(t, "role", path + ".role"), Role::parse);
            String content = w.text(t, "content", path + ".content");
            turns.add(w.build(path, () -> new Turn(role, content)));
        }
        return w.build("prompt", () -> new Prompt(id, new Conversation(turns), domain));
    }

    private static Completion completion(ObjectNode json, String promptId, String path, Where w) {
        String id = w.text(json, "id", path + ".id");
        String text = w.text(json, "text", path + ".text");
        String p = path + ".provenance";
        ObjectNode prov = w.object(json, "provenance", p);
        var source = enumValue(Provenance.Source.class, w.text(prov, "source", p + ".source"), p + ".source", w);
        String model = w.text(prov, "model", p + ".model");
        String checkpoint = w.optionalText(prov, "checkpoint", p + ".checkpoint");
        SamplingSettings sampling = SamplingSettings.UNKNOWN;
        JsonNode s = prov.get("sampling");
        if (s != null && !s.isNull()) {
            String sp = p + ".sampling";
            ObjectNode o = w.asObject(s, sp);
            Double temperature = w.optionalDouble(o, "temperature", sp + ".temperature");
            Integer topK = w.optionalInteger(o, "top_k", sp + ".top_k");
            Double topP = w.optionalDouble(o, "top_p", sp + ".top_p");
            Integer maxNew = w.optionalInteger(o, "max_new_tokens", sp + ".max_new_tokens");
            Long seed = w.optionalLong(o, "seed", sp + ".seed");
            sampling = w.build(sp, () -> new SamplingSettings(temperature, topK, topP, maxNew, seed));
        }
        SamplingSettings settings = sampling;
        return w.build(path, () -> new Completion(id, promptId, text, new Provenance(source, model, checkpoint, settings)));
    }

    private static Judgment judgment(ObjectNode json, String promptId, String path, Where w) {
        String kind = w.text(json, "kind", path + ".kind");
        String id = w.text(json, "id", path + ".id");
        JudgmentMeta meta = meta(w.object(json, "meta", path + ".meta"), path + ".meta", w);
        return switch (kind) {
            case "pairwise" -> {
                String a = w.text(json, "completion_a", path + ".completion_a");
                String b = w.text(json, "completion_b", path + ".completion_b");
                var choice = enumValue(PairwiseChoice.class, w.text(json, "choice", path + ".choice"), path + ".choice", w);
                int strength = w.integer(json, "strength", path + ".strength");
                yield w.build(path, () -> new PairwiseJudgment(id, promptId, a, b, choice, strength, meta));
            }
            case "ranking" -> {
                ArrayNode tiers = w.array(json, "tiers", path + ".tiers");
                List<List<String>> order = new ArrayList<>();
                for (int t = 0; t < tiers.size(); t++) {
                    String tp = path + ".tiers[" + t + "]";
                    if (!(tiers.get(t) instanceof ArrayNode tier)) throw w.fail(tp, "expected an array, found " + Where.kind(tiers.get(t)));
                    List<String> ids = new ArrayList<>();
                    for (int c = 0; c < tier.size(); c++) {
                        if (!tier.get(c).isTextual()) throw w.fail(tp + "[" + c + "]", "expected a string, found " + Where.kind(tier.get(c)));
                        ids.add(tier.get(c).textValue());
                    }
                    order.add(ids);
                }
                yield w.build(path, () -> new RankingJudgment(id, promptId, order, meta));
            }
            case "rating" -> {
                String completion = w.text(json, "completion_id", path + ".completion_id");
                int scale = w.integer(json, "scale_points", path + ".scale_points");
                ObjectNode scores = w.object(json, "scores", path + ".scores");
                Map<RubricDimension, Integer> map = new EnumMap<>(RubricDimension.class);
                for (var field : (Iterable<Map.Entry<String, JsonNode>>) scores::fields) {
                    String sp = path + ".scores." + field.getKey();
                    map.put(w.parsed(sp, field.getKey(), RubricDimension::parse), w.integer(scores, field.getKey(), sp));
                }
                yield w.build(path, () -> new RatingJudgment(id, promptId, completion, map, scale, meta));
            }
            case "safety_flag" -> {
                String completion = w.text(json, "completion_id", path + ".completion_id");
                var category = w.parsed(path + ".category", w.text(json, "category", path + ".category"), PolicyCategory::parse);
                var severity = enumValue(Severity.class, w.text(json, "severity", path + ".severity"), path + ".severity", w);
                yield w.build(path, () -> new SafetyFlag(id, promptId, completion, category, severity, meta));
            }
            case "demonstration" -> {
                String text = w.text(json, "text", path + ".text");
                String editedFrom = w.optionalText(json, "edited_from", path + ".edited_from");
                yield w.build(path, () -> new Demonstration(id, promptId, text, editedFrom, meta));
            }
            default -> throw w.fail(path + ".kind", "unknown judgment kind '" + kind
                    + "' (expected pairwise, ranking, rating, safety_flag or demonstration)");
        };
    }

    private static JudgmentMeta meta(ObjectNode json, String path, Where w) {
        String annotator = w.text(json, "annotator_id", path + ".annotator_id");
        String created = w.text(json, "created_at", path + ".created_at");
        Instant createdAt;
        try {
            createdAt = Instant.parse(created);
        } catch (DateTimeParseException e) {
            throw w.fail(path + ".created_at", "not an ISO-8601 instant such as 2026-01-31T12:00:00Z: '" + created + "'");
        }
        String guideline = w.optionalText(json, "guideline_version", path + ".guideline_version");
        Duration spent = timeSpent(json.get("time_spent_ms"), path + ".time_spent_ms", w);
        String justification = w.optionalText(json, "justification", path + ".justification");
        return w.build(path, () -> new JudgmentMeta(annotator, createdAt, guideline, spent, justification));
    }

    /** Milliseconds, possibly with up to 6 decimals (nanoseconds): exact, as the encoder wrote them. */
    private static Duration timeSpent(JsonNode node, String path, Where w) {
        if (node == null || node.isNull()) return null;
        if (!node.isNumber()) throw w.fail(path, "expected a number of milliseconds, found " + Where.kind(node));
        BigDecimal ms = node.decimalValue();
        try {
            return Duration.ofNanos(ms.movePointRight(6).longValueExact());
        } catch (ArithmeticException e) {
            throw w.fail(path, "must be whole nanoseconds (at most 6 decimals) within range, was " + ms.toPlainString());
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String raw, String path, Where w) {
        try {
            return Enum.valueOf(type, raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw w.fail(path, "unknown value '" + raw + "' (expected one of "
                    + Arrays.stream(type.getEnumConstants()).map(NativeEncoder::lower).toList() + ")");
        }
    }
}
