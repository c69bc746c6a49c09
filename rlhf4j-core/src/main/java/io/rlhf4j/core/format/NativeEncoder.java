package io.rlhf4j.core.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rlhf4j.core.data.Annotator;
import io.rlhf4j.core.data.Completion;
import io.rlhf4j.core.data.DatasetEntry;
import io.rlhf4j.core.data.DatasetItem;
import io.rlhf4j.core.data.Demonstration;
import io.rlhf4j.core.data.Judgment;
import io.rlhf4j.core.data.JudgmentMeta;
import io.rlhf4j.core.data.PairwiseJudgment;
import io.rlhf4j.core.data.Prompt;
import io.rlhf4j.core.data.Provenance;
import io.rlhf4j.core.data.RankingJudgment;
import io.rlhf4j.core.data.RatingJudgment;
import io.rlhf4j.core.data.SafetyFlag;
import io.rlhf4j.core.data.SamplingSettings;
import io.rlhf4j.core.data.Turn;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Records to native JSON (see FORMATS.md). Absent optional values are left out rather than written
 * as null, and ids that an item implies (the prompt id inside completions and judgments) are not
 * repeated: the decoder restores them, so nothing is lost.
 */
final class NativeEncoder {
    static final String VERSION = "rlhf4j/1";

    private NativeEncoder() {}

    static ObjectNode encode(DatasetEntry entry) {
        ObjectNode json = JsonlLines.JSON.createObjectNode();
        json.put("format", VERSION);
        switch (entry) {
            case DatasetItem item -> item(json, item);
            case Annotator a -> annotator(json, a);
        }
        return json;
    }

    private static void annotator(ObjectNode json, Annotator a) {
        json.put("type", "annotator").put("id", a.id()).put("display_name", a.displayName());
        ObjectNode expertise = json.putObject("expertise");
        a.expertise().forEach((domain, level) -> expertise.put(domain, lower(level)));
    }

    private static void item(ObjectNode json, DatasetItem item) {
        json.put("type", "item");
        prompt(json.putObject("prompt"), item.prompt());
        ArrayNode completions = json.putArray("completions");
        for (Completion c : item.completions()) completion(completions.addObject(), c);
        ArrayNode judgments = json.putArray("judgments");
        for (Judgment j : item.judgments()) judgment(judgments.addObject(), j);
    }

    private static void prompt(ObjectNode json, Prompt p) {
        json.put("id", p.id()).put("domain", p.domain());
        ArrayNode turns = json.putArray("conversation");
        for (Turn t : p.conversation().turns()) turns.addObject().put("role", t.role().wireName()).put("content", t.content());
    }

    private static void completion(ObjectNode json, Completion c) {
        json.put("id", c.id()).put("text", c.text());
        Provenance p = c.provenance();
        ObjectNode prov = json.putObject("provenance").put("source", lower(p.source())).put("model", p.model());
        if (p.checkpoint() != null) prov.put("checkpoint", p.checkpoint());
        SamplingSettings s = p.sampling();
        if (!s.equals(SamplingSettings.UNKNOWN)) {
            ObjectNode sampling = prov.putObject("sampling");
            if (s.temperature() != null) sampling.put("temperature", s.temperature());
            if (s.topK() != null) sampling.put("top_k", s.topK());
            if (s.topP() != null) sampling.put("top_p", s.topP());
            if (s.maxNewTokens() != null) sampling.put("max_new_tokens", s.maxNewTokens());
            if (s.seed() != null) sampling.put("seed", s.seed());
        }
    }

    private static void judgment(ObjectNode json, Judgment j) {
        json.put("kind", j.kind()).put("id", j.id());
        switch (j) {
            case PairwiseJudgment p -> json.put("completion_a", p.completionA()).put("completion_b", p.completionB())
                    .put("choice", lower(p.choice())).put("strength", p.strength());
            case RankingJudgment r -> {
                ArrayNode tiers = json.putArray("tiers");
                for (List<String> tier : r.tiers()) {
                    ArrayNode t = tiers.addArray();
                    tier.forEach(t::add);
                }
            }
            case RatingJudgment r -> {
                json.put("completion_id", r.completionId()).put("scale_points", r.scalePoints());
                ObjectNode scores = json.putObject("scores");
                r.scores().forEach((dimension, score) -> scores.put(dimension.wireName(), score));
            }
            case SafetyFlag f -> json.put("completion_id", f.completionId()).put("category", f.category().wireName())
                    .put("severity", lower(f.severity()));
            case Demonstration d -> {
                json.put("text", d.text());
                if (d.editedFrom() != null) json.put("edited_from", d.editedFrom());
            }
        }
        meta(json.putObject("meta"), j.meta());
    }

    private static void meta(ObjectNode json, JudgmentMeta m) {
        json.put("annotator_id", m.annotatorId()).put("created_at", m.createdAt().toString())
                .put("guideline_version", m.guidelineVersion());
        Duration spent = m.timeSpent();
        if (spent.getNano() % 1_000_000 == 0) json.put("time_spent_ms", spent.toMillis());
        else json.put("time_spent_ms", millis(spent));
        if (m.justification() != null) json.put("justification", m.justification());
    }

    /** Milliseconds with the sub-millisecond rest as exact decimal digits (up to 6), never rounded. */
    static BigDecimal millis(Duration d) {
        BigInteger nanos = BigInteger.valueOf(d.getSeconds()).multiply(BigInteger.valueOf(1_000_000_000L))
                .add(BigInteger.valueOf(d.getNano()));
        return new BigDecimal(nanos, 6);
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
