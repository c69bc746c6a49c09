package io.rlhf4j.core.data;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RankingJudgmentTest {
    private static final JudgmentMeta META = JudgmentMeta.of("ann-1", Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void expandsToAllPairsWithTiesAndTierGapStrengths() {
        var ranking = new RankingJudgment("r1", "p1", List.of(List.of("a"), List.of("b", "c"), List.of("d")), META);
        List<Comparison> pairs = ranking.toComparisons();

        assertThat(pairs).hasSize(6); // K(K-1)/2 for K = 4
        assertThat(pairs).allSatisfy(c -> {
            assertThat(c.judgmentId()).isEqualTo("r1");
            assertThat(c.promptId()).isEqualTo("p1");
            assertThat(c.annotatorId()).isEqualTo("ann-1");
        });
        assertThat(pairs).contains(
                new Comparison("p1", "a", "b", Comparison.Outcome.PREFERRED, 1, "r1", "ann-1"),
                new Comparison("p1", "a", "d", Comparison.Outcome.PREFERRED, 2, "r1", "ann-1"),
                new Comparison("p1", "b", "c", Comparison.Outcome.TIE, 0, "r1", "ann-1"),
                new Comparison("p1", "c", "d", Comparison.Outcome.PREFERRED, 1, "r1", "ann-1"));
    }

    @Test
    void capsStrengthAtThreeForDistantTiers() {
        var ranking = RankingJudgment.ofOrder("r2", "p1", List.of("a", "b", "c", "d", "e"), META);
        assertThat(ranking.toComparisons()).filteredOn(c -> c.chosenId().equals("a") && c.rejectedId().equals("e"))
                .singleElement().extracting(Comparison::strength).isEqualTo(3);
    }

    @Test
    void rejectsACompletionRankedTwice() {
        assertThatThrownBy(() -> new RankingJudgment("r3", "p1", List.of(List.of("a"), List.of("b", "a")), META))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ranked twice");
    }

    @Test
    void pairwiseScaleRoundTripsThroughStrength() {
        for (int scale = -3; scale <= 3; scale++) {
            var p = PairwiseJudgment.fromScale("j", "p1", "a", "b", scale, META);
            assertThat(p.scale()).isEqualTo(scale);
        }
        var bAsMuchBetter = PairwiseJudgment.fromScale("j", "p1", "a", "b", 3, META).toComparison();
        assertThat(bAsMuchBetter.chosenId()).isEqualTo("b");
        assertThat(bAsMuchBetter.strength()).isEqualTo(3);
    }

    @Test
    void pairwiseRejectsStrengthOnATie() {
        assertThatThrownBy(() -> new PairwiseJudgment("j", "p1", "a", "b", PairwiseChoice.TIE, 2, META))
                .hasMessageContaining("strength must be 0 for TIE");
    }

    @Test
    void itemRejectsJudgmentsAboutUnknownCompletions() {
        Prompt prompt = Prompt.of(Conversation.ofUser("hi"), null);
        Completion a = Completion.of(prompt.id(), "hello", Provenance.imported("test"));
        var judgment = new PairwiseJudgment("j", prompt.id(), a.id(), "c_missing", PairwiseChoice.A, 1, META);
        assertThatThrownBy(() -> new DatasetItem(prompt, List.of(a), List.of(judgment)))
                .hasMessageContaining("unknown completion c_missing");
    }

    @Test
    void promptMustEndWithAUserTurn() {
        assertThatThrownBy(() -> Prompt.of(Conversation.of(Turn.user("q"), Turn.assistant("a")), "general"))
                .hasMessageContaining("must end with a user turn");
    }
}
