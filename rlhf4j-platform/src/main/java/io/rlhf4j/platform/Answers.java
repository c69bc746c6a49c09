package io.rlhf4j.platform;

import io.rlhf4j.core.data.PairwiseChoice;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Compares and describes submitted answers in the item's canonical order, so two annotators who saw
 * the candidates in different positions are compared on what they meant, not on which side they
 * clicked. The notion of agreement is the same lenient one the gold scorer uses: pairwise by
 * direction (strength ignored), ranking by the top tier, ratings within one point, safety by category.
 */
final class Answers {
    private Answers() {}

    /** Whether two answers on the same item agree; null when the type has no comparable answer (demonstrations). */
    static Boolean agree(Submission a, Submission b) {
        Object ka = key(a), kb = key(b);
        if (ka == null || kb == null) return null;
        if (ka instanceof Map<?, ?> ra && kb instanceof Map<?, ?> rb) return ratingsAgree(ra, rb);
        return ka.equals(kb);
    }

    /** A value two agreeing answers share: the pairwise direction, the top tier's ids, the scores, the category. */
    private static Object key(Submission s) {
        JudgmentPayload p = PayloadJson.read(s.payload());
        return switch (p) {
            case JudgmentPayload.Pairwise x -> x.choice() == PairwiseChoice.BOTH_BAD ? "both_bad" : Integer.signum(s.canonicalScale());
            case JudgmentPayload.MultiTurn x -> x.choice() == PairwiseChoice.BOTH_BAD ? "both_bad" : Integer.signum(s.canonicalScale());
            case JudgmentPayload.Ranking x -> x.tiers().isEmpty() ? Set.of()
                    : x.tiers().get(0).stream().map(i -> s.shown().get(i)).collect(Collectors.toCollection(TreeSet::new));
            case JudgmentPayload.Rating x -> x.scores();
            case JudgmentPayload.Safety x -> x.category() == null ? "none" : x.category().name();
            case JudgmentPayload.Demonstration x -> null;
        };
    }

    /** Ratings agree when every dimension both rated is within one point; with no shared dimension they are not comparable. */
    private static Boolean ratingsAgree(Map<?, ?> a, Map<?, ?> b) {
        boolean shared = false;
        for (var e : a.entrySet()) {
            Object other = b.get(e.getKey());
            if (other == null) continue;
            shared = true;
            if (Math.abs((Integer) e.getValue() - (Integer) other) > 1) return false;
        }
        return shared ? true : null;
    }

    /** Whether some pair of these answers (same item) disagrees. */
    static boolean disputed(List<Submission> onItem) {
        for (int i = 0; i < onItem.size(); i++) {
            for (int j = i + 1; j < onItem.size(); j++) {
                if (Boolean.FALSE.equals(agree(onItem.get(i), onItem.get(j)))) return true;
            }
        }
        return false;
    }

    /**
     * The answer in words, naming candidates by their canonical number (1, 2, ...), the numbering a
     * reviewer sees; the annotator saw them as A, B, ... in their own shuffled order.
     */
    private static String comparison(Submission s, JudgmentPayload.Pairwise x) {
        if (x.choice() == PairwiseChoice.BOTH_BAD) return "both are bad";
        int scale = s.canonicalScale();
        if (scale == 0) return "about the same";
        String degree = switch (Math.abs(scale)) { case 1 -> "slightly better"; case 2 -> "better"; default -> "much better"; };
        return "response " + (scale < 0 ? 1 : 2) + " " + degree;
    }

    static String describe(Submission s) {
        JudgmentPayload p = PayloadJson.read(s.payload());
        String text = switch (p) {
            case JudgmentPayload.Pairwise x -> comparison(s, x);
            case JudgmentPayload.MultiTurn x -> comparison(s, x.asPairwise())
                    + (x.nextUserTurn() == null ? "" : "; continued with: " + x.nextUserTurn());
            case JudgmentPayload.Ranking x -> {
                List<String> tiers = new ArrayList<>();
                for (List<Integer> tier : x.tiers()) {
                    tiers.add(tier.stream().map(i -> String.valueOf(s.canonical().indexOf(s.shown().get(i)) + 1)).sorted()
                            .collect(Collectors.joining(" = ")));
                }
                yield "best first: " + String.join(" > ", tiers);
            }
            case JudgmentPayload.Rating x -> x.scores().entrySet().stream().map(e -> e.getKey().wireName() + " " + e.getValue())
                    .collect(Collectors.joining(", ")) + " (of " + x.scalePoints() + ")";
            case JudgmentPayload.Safety x -> x.category() == null ? "no violation"
                    : x.category().wireName() + ", severity " + x.severity().name().toLowerCase(java.util.Locale.ROOT);
            case JudgmentPayload.Demonstration x -> "wrote: " + x.text();
        };
        return p.justification() == null ? text : text + " (because: " + p.justification() + ")";
    }
}
