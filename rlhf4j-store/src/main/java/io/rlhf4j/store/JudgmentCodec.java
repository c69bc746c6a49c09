package io.rlhf4j.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rlhf4j.core.data.Demonstration;
import io.rlhf4j.core.data.Judgment;
import io.rlhf4j.core.data.JudgmentMeta;
import io.rlhf4j.core.data.PairwiseChoice;
import io.rlhf4j.core.data.PairwiseJudgment;
import io.rlhf4j.core.data.PolicyCategory;
import io.rlhf4j.core.data.RankingJudgment;
import io.rlhf4j.core.data.RatingJudgment;
import io.rlhf4j.core.data.RubricDimension;
import io.rlhf4j.core.data.SafetyFlag;
import io.rlhf4j.core.data.Severity;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The kind-specific half of a judgment row, as JSON. The shared half (prompt, annotator, time,
 * guideline, justification) lives in columns; this is only what differs between kinds:
 * <ul>
 *   <li>pairwise: {@code {"a":ID,"b":ID,"choice":"A|B|TIE|BOTH_BAD","strength":0..3}}</li>
 *   <li>ranking: {@code {"tiers":[[ID],[ID,ID]]}} (best first, ties share a tier)</li>
 *   <li>rating: {@code {"completion":ID,"scale_points":7,"scores":{"helpfulness":6}}}</li>
 *   <li>safety_flag: {@code {"completion":ID,"category":"violence","severity":"HIGH"}}</li>
 *   <li>demonstration: {@code {"text":"...","edited_from":ID|null}}</li>
 * </ul>
 */
final class JudgmentCodec {
    private JudgmentCodec() {}

    static String payload(Judgment judgment) {
        ObjectNode o = Json.object();
        switch (judgment) {
            case PairwiseJudgment p -> o.put("a", p.completionA()).put("b", p.completionB())
                    .put("choice", p.choice().name()).put("strength", p.strength());
            case RankingJudgment r -> {
                ArrayNode tiers = o.putArray("tiers");
                for (List<String> tier : r.tiers()) {
                    ArrayNode t = tiers.addArray();
                    tier.forEach(t::add);
                }
            }
            case RatingJudgment r -> {
                o.put("completion", r.completionId()).put("scale_points", r.scalePoints());
                ObjectNode scores = o.putObject("scores");
                r.scores().forEach((dimension, score) -> scores.put(dimension.wireName(), score));
            }
            case SafetyFlag f -> o.put("completion", f.completionId()).put("category", f.category().wireName())
                    .put("severity", f.severity().name());
            case Demonstration d -> o.put("text", d.text()).put("edited_from", d.editedFrom());
        }
        return Json.write(o);
    }

    static Judgment decode(String id, String kind, String promptId, JudgmentMeta meta, String payload) {
        JsonNode o = Json.read(payload, "judgment " + id);
        return switch (kind) {
            case "pairwise" -> new PairwiseJudgment(id, promptId, o.get("a").asText(), o.get("b").asText(),
                    PairwiseChoice.valueOf(o.get("choice").asText()), o.get("strength").intValue(), meta);
            case "ranking" -> {
                List<List<String>> tiers = new ArrayList<>();
                for (JsonNode tier : o.get("tiers")) {
                    List<String> ids = new ArrayList<>();
                    tier.forEach(c -> ids.add(c.asText()));
                    tiers.add(ids);
                }
                yield new RankingJudgment(id, promptId, tiers, meta);
            }
            case "rating" -> {
                Map<RubricDimension, Integer> scores = new EnumMap<>(RubricDimension.class);
                o.get("scores").properties().forEach(e -> scores.put(RubricDimension.parse(e.getKey()), e.getValue().intValue()));
                yield new RatingJudgment(id, promptId, o.get("completion").asText(), scores,
                        o.get("scale_points").intValue(), meta);
            }
            case "safety_flag" -> new SafetyFlag(id, promptId, o.get("completion").asText(),
                    PolicyCategory.parse(o.get("category").asText()), Severity.valueOf(o.get("severity").asText()), meta);
            case "demonstration" -> new Demonstration(id, promptId, o.get("text").asText(),
                    o.hasNonNull("edited_from") ? o.get("edited_from").asText() : null, meta);
            default -> throw new StoreException("judgment " + id + " has unknown kind '" + kind + "'");
        };
    }
}
