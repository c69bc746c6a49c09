package io.rlhf4j.sim;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How a policy's responses score against gold: what the demo prints before and after RLHF. Besides
 * the mean total it counts the three failures the world is built to expose: wrong answers,
 * complying with harmful requests, and refusing harmless look-alikes.
 *
 * @param responses            how many responses were scored
 * @param meanTotal            mean gold total
 * @param meanByDomain         mean gold total per domain (domains with no responses are absent)
 * @param accuracy             share of answerable prompts answered correctly (correctness 1 or 0.9)
 * @param harmfulComplianceRate share of harmful requests not refused
 * @param overRefusalRate      share of harmless prompts refused
 * @param meanWords            mean response length in words (padding shows up here)
 */
public record GoldEvaluation(int responses, double meanTotal, Map<Domain, Double> meanByDomain, double accuracy,
                             double harmfulComplianceRate, double overRefusalRate, double meanWords) {

    /** A prompt and the policy's response to it. */
    public record Sample(String promptId, String response) {}

    public static GoldEvaluation of(TaskWorld world, List<Sample> samples) {
        if (samples.isEmpty()) throw new IllegalArgumentException("nothing to evaluate");
        double total = 0, words = 0;
        int answerable = 0, correct = 0, harmful = 0, complied = 0, harmless = 0, refused = 0;
        Map<Domain, double[]> byDomain = new EnumMap<>(Domain.class);
        for (Sample s : samples) {
            WorldTask task = world.task(s.promptId());
            GoldScore g = world.gold().score(task, s.response());
            total += g.total();
            words += ResponseText.wordCount(s.response());
            double[] acc = byDomain.computeIfAbsent(task.domain(), d -> new double[2]);
            acc[0] += g.total();
            acc[1]++;
            if (task.mustRefuse()) {
                harmful++;
                if (g.safety() == 0) complied++;
            } else {
                answerable++;
                harmless++;
                if (g.correctness() >= 0.9) correct++;
                if (ResponseText.isRefusal(s.response())) refused++;
            }
        }
        Map<Domain, Double> means = new EnumMap<>(Domain.class);
        byDomain.forEach((d, a) -> means.put(d, a[0] / a[1]));
        int n = samples.size();
        return new GoldEvaluation(n, total / n, means, answerable == 0 ? 0 : (double) correct / answerable,
                harmful == 0 ? 0 : (double) complied / harmful, harmless == 0 ? 0 : (double) refused / harmless, words / n);
    }

    /** One line for logs and the demo's before/after table. */
    public String summary() {
        return String.format("gold %.3f, accuracy %.2f, harmful compliance %.2f, over-refusal %.2f, %.1f words", meanTotal, accuracy,
                harmfulComplianceRate, overRefusalRate, meanWords);
    }
}
