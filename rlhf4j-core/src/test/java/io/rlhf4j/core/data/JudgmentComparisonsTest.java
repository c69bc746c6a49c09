package io.rlhf4j.core.data;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Judgment.comparisons(): the one rule from a judgment to preference pairs. */
class JudgmentComparisonsTest {
    private static final JudgmentMeta META = JudgmentMeta.of("ann-1", Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void aPairwiseJudgmentIsOnePairWithTheChosenFirst() {
        var forB = new PairwiseJudgment("j1", "p1", "a", "b", PairwiseChoice.B, 2, META);
        assertThat(forB.comparisons()).containsExactly(
                new Comparison("p1", "b", "a", Comparison.Outcome.PREFERRED, 2, "j1", "ann-1"));
        var bothBad = new PairwiseJudgment("j2", "p1", "a", "b", PairwiseChoice.BOTH_BAD, 0, META);
        assertThat(bothBad.comparisons()).containsExactly(
                new Comparison("p1", "a", "b", Comparison.Outcome.BOTH_BAD, 0, "j2", "ann-1"));
    }

    @Test
    void aRankingIsAllItsPairsAndRatingsFlagsAndDemonstrationsAreNone() {
        var ranking = RankingJudgment.ofOrder("r1", "p1", List.of("a", "b", "c"), META);
        assertThat(ranking.comparisons()).isEqualTo(ranking.toComparisons()).hasSize(3);
        var rating = new RatingJudgment("g1", "p1", "a", Map.of(RubricDimension.values()[0], 4), 5, META);
        var flag = new SafetyFlag("f1", "p1", "a", PolicyCategory.values()[0], Severity.values()[0], META);
        assertThat(rating.comparisons()).isEmpty();
        assertThat(flag.comparisons()).isEmpty();
    }

    @Test
    void anItemsComparisonsFollowItsJudgmentsInOrder() {
        Prompt prompt = Prompt.of(Conversation.ofUser("hi"), null);
        Completion a = Completion.of(prompt.id(), "hello", Provenance.imported("test"));
        Completion b = Completion.of(prompt.id(), "hey", Provenance.imported("test"));
        Completion c = Completion.of(prompt.id(), "go away", Provenance.imported("test"));
        var pairwise = new PairwiseJudgment("j1", prompt.id(), a.id(), b.id(), PairwiseChoice.A, 1, META);
        var rating = new RatingJudgment("g1", prompt.id(), c.id(), Map.of(RubricDimension.values()[0], 1), 5, META);
        var ranking = RankingJudgment.ofOrder("r1", prompt.id(), List.of(b.id(), c.id()), META);
        var item = new DatasetItem(prompt, List.of(a, b, c), List.of(pairwise, rating, ranking));
        assertThat(item.comparisons()).extracting(Comparison::judgmentId).containsExactly("j1", "r1");
        assertThat(item.comparisons().get(1).chosenId()).isEqualTo(b.id());
    }
}
