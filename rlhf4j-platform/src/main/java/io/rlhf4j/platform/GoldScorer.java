package io.rlhf4j.platform;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides whether a submission matches a known answer. Both are mapped to completion ids first (the
 * answer through the item's canonical order, the submission through the order it was shown in), so
 * shuffling positions cannot make a right answer look wrong. The match is deliberately lenient where
 * people legitimately differ: strength is ignored, ratings may be one point off.
 */
final class GoldScorer {
    private GoldScorer() {}

    static boolean matches(JudgmentPayload answer, List<String> canonical, JudgmentPayload given, List<String> shown) {
        return switch (answer) {
            case JudgmentPayload.Pairwise a when JudgmentPayload.comparison(given) != null ->
                    winner(a, canonical).equals(winner(JudgmentPayload.comparison(given), shown));
            case JudgmentPayload.MultiTurn a when JudgmentPayload.comparison(given) != null ->
                    winner(a.asPairwise(), canonical).equals(winner(JudgmentPayload.comparison(given), shown));
            case JudgmentPayload.Ranking a when given instanceof JudgmentPayload.Ranking g ->
                    top(a.tiers(), canonical).equals(top(g.tiers(), shown));
            case JudgmentPayload.Rating a when given instanceof JudgmentPayload.Rating g -> a.scores().entrySet().stream()
                    .allMatch(e -> g.scores().containsKey(e.getKey()) && Math.abs(g.scores().get(e.getKey()) - e.getValue()) <= 1);
            case JudgmentPayload.Safety a when given instanceof JudgmentPayload.Safety g -> a.category() == g.category();
            case JudgmentPayload.Demonstration a -> true;
            default -> false;
        };
    }

    private static String winner(JudgmentPayload.Pairwise p, List<String> order) {
        return switch (p.choice()) {
            case A -> order.get(0);
            case B -> order.get(1);
            case TIE, BOTH_BAD -> p.choice().name();
        };
    }

    private static Set<String> top(List<List<Integer>> tiers, List<String> order) {
        Set<String> out = new HashSet<>();
        if (!tiers.isEmpty()) tiers.get(0).forEach(i -> out.add(order.get(i)));
        return out;
    }
}
