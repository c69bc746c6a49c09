package io.rlhf4j.platform;

import io.rlhf4j.core.data.Completion;
import io.rlhf4j.store.Store;
import io.rlhf4j.store.Tx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Exports a project's aggregated labels with their lineage: for every real item, the weighted
 * consensus (or the reviewer's adjudication, which overrides it) and exactly which judgments,
 * annotators, guideline versions and quality weights made it. Weights and flags come from
 * {@link QualityService}: smoothed gold accuracy, 0 for excluded annotators, halved for suspect ones.
 */
public final class ExportService {
    private final Db db;

    public ExportService(Store store) {
        this.db = new Db(store);
    }

    public Map<String, Object> export(String projectId) {
        return db.tx(t -> build(t, projectId));
    }

    private Map<String, Object> build(Tx t, String projectId) throws Exception {
        Project p = ProjectService.load(t.connection(), projectId);
        List<Submission> subs = Submission.ofProject(t.connection(), projectId);
        QualityService.Report quality = QualityService.compute(t, projectId, subs);
        Map<String, Double> weight = quality.weights();
        Map<String, AdjudicationService.Decision> decisions = AdjudicationService.decisions(t, projectId);
        Map<String, List<Submission>> byItem = new TreeMap<>();
        subs.stream().filter(s -> s.kind() == ItemKind.REAL).forEach(s -> byItem.computeIfAbsent(s.itemId(), k -> new ArrayList<>()).add(s));
        Map<String, String> modelOf = new HashMap<>();
        List<Map<String, Object>> items = new ArrayList<>();
        for (var e : byItem.entrySet()) {
            List<Submission> list = e.getValue();
            Submission first = list.get(0);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("item_id", e.getKey());
            item.put("task_type", first.type().wireName());
            item.put("prompt_id", first.promptId());
            item.put("completion_ids", first.canonical());
            List<String> models = new ArrayList<>();
            for (String c : first.canonical()) models.add(modelOf.computeIfAbsent(c, id -> modelName(t, id)));
            item.put("models", models);
            AdjudicationService.Decision decision = decisions.get(e.getKey());
            if (first.type().isPairwise()) {
                item.put("consensus", decision == null ? pairwiseConsensus(list, weight, first.canonical())
                        : adjudicatedConsensus(list, decision, first.canonical()));
            }
            if (decision != null) {
                Map<String, Object> adj = new LinkedHashMap<>();
                adj.put("reviewer_id", decision.reviewerId());
                adj.put("accepted_task_id", decision.acceptedTaskId());
                adj.put("accepted_annotator_id", decision.acceptedAnnotatorId());
                adj.put("note", decision.note());
                adj.put("decided_at", decision.decidedAt());
                item.put("adjudication", adj);
            }
            item.put("judgment_ids", list.stream().map(Submission::judgmentId).toList());
            item.put("annotator_ids", list.stream().map(Submission::annotatorId).toList());
            item.put("guideline_versions", list.stream().map(s -> projectId + "/v" + s.guidelineVersion()).distinct().toList());
            item.put("weights", list.stream().map(s -> weight.get(s.annotatorId())).toList());
            item.put("answers", list.stream().map(s -> s.payload()).toList());
            items.add(item);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("format", "rlhf4j-platform-export/1");
        out.put("project", p);
        out.put("annotator_weights", weight);
        out.put("annotator_quality", quality.annotators());
        out.put("items", items);
        return out;
    }

    /** Weighted mean on the canonical 7-point scale (negative: the first completion is better) and the pair it implies. */
    private static Map<String, Object> pairwiseConsensus(List<Submission> list, Map<String, Double> weight, List<String> canonical) {
        double sum = 0, total = 0;
        int bothBad = 0;
        for (Submission s : list) {
            double w = weight.get(s.annotatorId());
            if (w == 0) continue;  // excluded annotator: listed in the lineage, no voice in the label
            Integer scale = s.canonicalScale();
            if (scale == null) { bothBad++; continue; }
            sum += w * scale;
            total += w;
        }
        Map<String, Object> c = new LinkedHashMap<>();
        double mean = total == 0 ? 0 : sum / total;
        c.put("weighted_scale", mean);
        c.put("chosen", mean < 0 ? canonical.get(0) : mean > 0 ? canonical.get(1) : null);
        c.put("rejected", mean < 0 ? canonical.get(1) : mean > 0 ? canonical.get(0) : null);
        c.put("both_bad_votes", bothBad);
        c.put("source", "weighted_vote");
        return c;
    }

    /** The accepted answer's side on the canonical scale; "both bad" leaves neither chosen. */
    private static Map<String, Object> adjudicatedConsensus(List<Submission> list, AdjudicationService.Decision d, List<String> canonical) {
        Submission accepted = list.stream().filter(s -> s.taskId().equals(d.acceptedTaskId())).findFirst().orElseThrow();
        Integer scale = accepted.canonicalScale();
        double mean = scale == null ? 0 : scale;
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("weighted_scale", mean);
        c.put("chosen", mean < 0 ? canonical.get(0) : mean > 0 ? canonical.get(1) : null);
        c.put("rejected", mean < 0 ? canonical.get(1) : mean > 0 ? canonical.get(0) : null);
        c.put("both_bad_votes", scale == null ? 1 : 0);
        c.put("source", "adjudicated");
        return c;
    }

    private static String modelName(Tx t, String completionId) {
        try {
            return t.completions().find(completionId).map(Completion::provenance).map(pr -> pr.model()).orElse("unknown");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
