package io.rlhf4j.train.reward;

import io.rlhf4j.core.data.Comparison.Outcome;
import io.rlhf4j.core.stats.Annotation;
import io.rlhf4j.core.stats.DawidSkene;
import io.rlhf4j.core.stats.DawidSkeneResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Annotator weights for the reward model from the preference data itself: Dawid-Skene (the stats
 * core's EM) over every PREFERRED comparison, the item being the unordered response pair of one
 * prompt and the label which of the two won. Its per-annotator reliability r (probability of
 * agreeing with the inferred truth) becomes the weight {@code max(0, 2r - 1)}: a coin-flipping
 * annotator (r = 0.5) weighs 0, a perfect one 1, and one who is worse than chance (a systematic bias
 * against the consensus) is dropped rather than trusted. Needs overlap (pairs judged by more than
 * one annotator) to tell annotators apart; without it every annotator gets the same weight.
 */
public final class AnnotatorReliability {
    private AnnotatorReliability() {}

    public record Weights(Map<String, Double> weights, Map<String, Double> reliability, int items, int annotations) {}

    public static Weights dawidSkene(List<PreferenceExample> examples) {
        List<Annotation> annotations = new ArrayList<>();
        Map<String, Integer> items = new LinkedHashMap<>();
        for (PreferenceExample e : examples) {
            if (e.outcome() != Outcome.PREFERRED || e.annotatorId().isEmpty()) continue;
            // responses carry no id here, so their token contents name them; the pair is unordered
            String chosen = Arrays.toString(e.chosen()), rejected = Arrays.toString(e.rejected());
            boolean chosenFirst = chosen.compareTo(rejected) <= 0;
            String item = e.promptId() + "|" + (chosenFirst ? chosen + "|" + rejected : rejected + "|" + chosen);
            items.putIfAbsent(item, items.size());
            // label 0: the canonically first response won
            annotations.add(new Annotation("i" + items.get(item), e.annotatorId(), chosenFirst ? 0 : 1));
        }
        if (annotations.isEmpty()) throw new IllegalArgumentException("no PREFERRED comparisons with an annotator id");
        DawidSkeneResult ds = DawidSkene.estimate(annotations, 2);
        Map<String, Double> weights = new LinkedHashMap<>();
        ds.reliability().forEach((annotator, r) -> weights.put(annotator, Math.max(0, 2 * r - 1)));
        return new Weights(weights, ds.reliability(), items.size(), annotations.size());
    }
}
