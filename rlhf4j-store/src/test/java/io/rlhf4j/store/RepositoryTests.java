package io.rlhf4j.store;

import io.rlhf4j.core.data.Annotator;
import io.rlhf4j.core.data.Comparison;
import io.rlhf4j.core.data.Completion;
import io.rlhf4j.core.data.DatasetItem;
import io.rlhf4j.core.data.ExpertiseLevel;
import io.rlhf4j.core.data.Judgment;
import io.rlhf4j.core.data.JudgmentMeta;
import io.rlhf4j.core.data.PairwiseChoice;
import io.rlhf4j.core.data.PairwiseJudgment;
import io.rlhf4j.store.testing.SampleData;
import io.rlhf4j.store.testing.StoreTestBase;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The repositories, written once and run on H2 ({@link RepositoryH2Test}) and PostgreSQL ({@link RepositoryPostgresTest}). */
abstract class RepositoryTests extends StoreTestBase {

    @Test
    void roundTripsEveryJudgmentKindWithEveryField() {
        DatasetItem item = SampleData.itemWithEveryKind(1, "ann-1");
        store.inTransaction(tx -> {
            tx.annotators().save(SampleData.annotator("ann-1"));
            tx.saveItem(item);
        });
        store.inTransaction(tx -> {
            assertThat(tx.prompts().find(item.prompt().id())).contains(item.prompt());
            for (Completion c : item.completions()) assertThat(tx.completions().find(c.id())).contains(c);
            for (Judgment j : item.judgments()) assertThat(tx.judgments().find(j.id())).contains(j);
            assertThat(tx.annotators().find("ann-1")).contains(SampleData.annotator("ann-1"));
        });
    }

    @Test
    void findsJudgmentsByPromptAnnotatorAndCompletion() {
        DatasetItem one = SampleData.itemWithEveryKind(1, "ann-1");
        DatasetItem two = SampleData.itemWithEveryKind(2, "ann-2");
        store.inTransaction(tx -> tx.saveItems(List.of(one, two)));
        store.inTransaction(tx -> {
            assertThat(tx.judgments().byPrompt(one.prompt().id())).containsExactlyInAnyOrderElementsOf(one.judgments());
            assertThat(tx.judgments().byAnnotator("ann-2")).containsExactlyInAnyOrderElementsOf(two.judgments());
            String c = one.completions().get(2).id(); // in tie, both_bad, ranking, safety flag
            assertThat(tx.judgments().byCompletion(c)).extracting(Judgment::kind)
                    .containsExactlyInAnyOrder("pairwise", "pairwise", "ranking", "safety_flag");
            assertThat(tx.completions().byPrompt(two.prompt().id())).containsExactlyInAnyOrderElementsOf(two.completions());
            assertThat(tx.judgments().countByKind()).isEqualTo(Map.of("demonstration", 4L, "pairwise", 6L,
                    "ranking", 2L, "rating", 2L, "safety_flag", 2L));
        });
    }

    @Test
    void savingTheSameRowsAgainAddsNothing() {
        DatasetItem item = SampleData.itemWithEveryKind(1, "ann-1");
        SaveCounts first = store.transaction(tx -> tx.saveItem(item));
        SaveCounts second = store.transaction(tx -> tx.saveItem(item));
        assertThat(first).isEqualTo(new SaveCounts(1, 0, 4, 0, 8, 0, 1));
        assertThat(second).isEqualTo(new SaveCounts(0, 1, 0, 4, 0, 8, 0));
        store.inTransaction(tx -> {
            assertThat(tx.prompts().count()).isEqualTo(1);
            assertThat(tx.completions().count()).isEqualTo(4);
            assertThat(tx.judgments().count()).isEqualTo(8);
            assertThat(tx.prompts().save(item.prompt())).isFalse();
        });
    }

    @Test
    void comparisonsStreamPairwiseJudgmentsAndExpandedRankings() {
        DatasetItem one = SampleData.itemWithEveryKind(1, "ann-1");
        DatasetItem two = SampleData.itemWithEveryKind(2, "ann-1");
        store.inTransaction(tx -> tx.saveItems(List.of(one, two)));
        List<Comparison> expected = new ArrayList<>(one.comparisons());
        expected.addAll(two.comparisons());
        // 3 pairwise + a 4-completion ranking's 6 pairs, per item
        assertThat(expected).hasSize(18);
        List<Comparison> streamed = store.transaction(tx -> {
            try (Stream<Comparison> s = tx.judgments().comparisons()) {
                return s.toList();
            }
        });
        assertThat(streamed).containsExactlyInAnyOrderElementsOf(expected);
        List<Comparison> ofTwo = store.transaction(tx -> tx.judgments().comparisonsOf(two.prompt().id()));
        assertThat(ofTwo).containsExactlyInAnyOrderElementsOf(two.comparisons());
    }

    @Test
    void savingAnAnnotatorAgainReplacesNameAndExpertise() {
        store.inTransaction(tx -> assertThat(tx.annotators().save(SampleData.annotator("ann-1"))).isTrue());
        Annotator changed = new Annotator("ann-1", "Renamed", Map.of("code", ExpertiseLevel.NOVICE));
        store.inTransaction(tx -> assertThat(tx.annotators().save(changed)).isFalse());
        List<Annotator> all = store.transaction(tx -> tx.annotators().all());
        assertThat(all).containsExactly(changed);
    }

    @Test
    void timestampsKeepMicrosecondsOnEitherDatabase() {
        DatasetItem base = SampleData.pair(1, "ann-1");
        PairwiseJudgment p = (PairwiseJudgment) base.judgments().get(0);
        Instant nanos = Instant.parse("2026-03-01T09:15:30.123456789Z");
        PairwiseJudgment withNanos = new PairwiseJudgment(p.id(), p.promptId(), p.completionA(), p.completionB(),
                PairwiseChoice.B, 2, JudgmentMeta.of("ann-1", nanos));
        store.inTransaction(tx -> tx.saveItem(new DatasetItem(base.prompt(), base.completions(), List.of(withNanos))));
        Judgment read = store.transaction(tx -> tx.judgments().find(p.id()).orElseThrow());
        assertThat(read.meta().createdAt()).isEqualTo(Instant.parse("2026-03-01T09:15:30.123456Z"));
    }

    @Test
    void aFailingTransactionLeavesNothingBehind() {
        assertThatThrownBy(() -> store.inTransaction(tx -> {
            tx.saveItem(SampleData.pair(1, "ann-1"));
            throw new IllegalStateException("boom after the writes");
        })).isInstanceOf(IllegalStateException.class).hasMessage("boom after the writes");
        store.inTransaction(tx -> {
            assertThat(tx.prompts().count()).isZero();
            assertThat(tx.judgments().count()).isZero();
            assertThat(tx.annotators().count()).isZero();
        });
    }

    @Test
    void aJudgmentAboutAnUnstoredCompletionIsRefused() {
        DatasetItem item = SampleData.pair(1, "ann-1");
        assertThatThrownBy(() -> store.inTransaction(tx -> {
            tx.prompts().save(item.prompt());
            tx.annotators().ensureExists(List.of("ann-1"));
            tx.judgments().save(item.judgments().get(0)); // completions never saved: foreign key
        })).isInstanceOf(StoreException.class);
        long prompts = store.transaction(tx -> tx.prompts().count());
        assertThat(prompts).isZero();
    }

    @Test
    void concurrentWritersInSeparateTransactionsAllLand() throws Exception {
        // The annotation server commits many submissions at once: none may be lost or deadlock.
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        DatasetItem item = SampleData.pair(thread * 100 + i, "ann-" + thread);
                        store.inTransaction(tx -> tx.saveItem(item));
                    }
                }));
            }
            for (Future<?> f : done) f.get();
        } finally {
            pool.shutdown();
        }
        store.inTransaction(tx -> {
            assertThat(tx.judgments().count()).isEqualTo(80);
            assertThat(tx.annotators().count()).isEqualTo(8);
        });
    }
}
