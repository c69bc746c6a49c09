package io.rlhf4j.platform;

import io.rlhf4j.core.data.ExpertiseLevel;
import io.rlhf4j.core.data.Judgment;
import io.rlhf4j.core.data.PairwiseChoice;
import io.rlhf4j.core.data.PairwiseJudgment;
import io.rlhf4j.store.testing.StoreTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Assignment and submission rules, written once and run on H2 and PostgreSQL. */
abstract class TaskServiceTests extends StoreTestBase {
    private static final Set<TaskType> PAIRWISE = Set.of(TaskType.PAIRWISE);
    private Platform platform;
    private AtomicInteger keys;

    @BeforeEach
    void wire() {
        platform = new Platform(store);
        keys = new AtomicInteger();
    }

    private SubmitResult answer(User u, TaskView t, PairwiseChoice choice) {
        int strength = choice == PairwiseChoice.A || choice == PairwiseChoice.B ? 2 : 0;
        return platform.tasks.submit(u.id(), t.taskId(), "k" + keys.incrementAndGet(),
                new JudgmentPayload.Pairwise(choice, strength, null, 1000));
    }

    /** A valid answer of the task's own type. */
    private SubmitResult answerAny(User u, TaskView t) {
        JudgmentPayload p = switch (t.taskType()) {
            case PAIRWISE, MULTI_TURN -> new JudgmentPayload.Pairwise(PairwiseChoice.A, 1, null, 5);
            case RANKING -> new JudgmentPayload.Ranking(java.util.stream.IntStream.range(0, t.candidates().size()).mapToObj(List::of).toList(), null, 5);
            case RATING -> new JudgmentPayload.Rating(Map.of(io.rlhf4j.core.data.RubricDimension.HELPFULNESS, 4), 5, null, 5);
            case SAFETY -> new JudgmentPayload.Safety(null, null, null, 5);
            case DEMONSTRATION -> new JudgmentPayload.Demonstration("ideal", null, null, 5);
        };
        return platform.tasks.submit(u.id(), t.taskId(), "k" + keys.incrementAndGet(), p);
    }

    /** Takes and answers tasks until the queue has none for this annotator; returns the item ids done. */
    private List<String> drain(User u, PairwiseChoice choice) {
        List<String> items = new ArrayList<>();
        for (Optional<TaskView> t = platform.tasks.nextTask(u.id()); t.isPresent(); t = platform.tasks.nextTask(u.id())) {
            answer(u, t.get(), choice);
            items.add(itemOf(t.get().taskId()));
        }
        return items;
    }

    private long judgmentCount() {
        Long n = store.transaction(tx -> tx.judgments().count());
        return n;
    }

    private String itemOf(String taskId) {
        return new Db(store).one("SELECT item_id FROM platform_assignments WHERE id = ?", rs -> rs.getString(1), taskId).orElseThrow();
    }

    private String kindOf(String taskId) {
        return new Db(store).one("SELECT i.kind FROM platform_assignments a JOIN platform_items i ON i.id = a.item_id WHERE a.id = ?",
                rs -> rs.getString(1), taskId).orElseThrow();
    }

    @Test
    void multiTurnContinuesFromThePreferredResponseAndHandsTheNextTurnBackToTheSameAnnotatorFirst() {
        Project p = platform.project(Set.of(TaskType.MULTI_TURN), 2, 2, 2, "general");
        User talker = platform.annotator("talker", null);
        TaskView t = platform.tasks.nextTask(talker.id()).orElseThrow();
        assertThat(t.taskType()).isEqualTo(TaskType.MULTI_TURN);
        JudgmentPayload.MultiTurn answer = new JudgmentPayload.MultiTurn(PairwiseChoice.B, 2, "And why is that?", null, 1000);
        SubmitResult r = platform.tasks.submit(talker.id(), t.taskId(), "mt-1", answer);
        assertThat(r.continuation()).isNotNull();
        SubmitResult retry = platform.tasks.submit(talker.id(), t.taskId(), "mt-1", answer);
        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.continuation()).as("a retry acknowledges the same continuation").isEqualTo(r.continuation());
        assertThat(platform.projects.pendingContinuations()).containsExactly(r.continuation());
        assertThat(store.transaction(tx -> tx.judgments().find(r.judgmentId())).orElseThrow())
                .isInstanceOfSatisfying(PairwiseJudgment.class, j -> assertThat(j.choice()).isEqualTo(PairwiseChoice.B));

        var continued = store.transaction(tx -> tx.prompts().find(r.continuation().promptId())).orElseThrow();
        assertThat(continued.conversation().turns()).extracting(io.rlhf4j.core.data.Turn::content)
                .containsExactly(t.conversation().get(0).content(), t.candidates().get(1), "And why is that?");
        int items = platform.projects.generateCandidatesFor(p.id(), r.continuation().promptId(), (prompt, n) ->
                java.util.stream.IntStream.range(0, n).mapToObj(i -> io.rlhf4j.core.data.Completion.of(prompt.id(), "follow-up " + i,
                        io.rlhf4j.core.data.Provenance.model("m" + i, null, null))).toList(), 2);
        assertThat(items).as("one multi-turn pair, not a fresh round of every task type").isEqualTo(1);
        assertThat(platform.projects.pendingContinuations()).isEmpty();

        TaskView next = platform.tasks.nextTask(talker.id()).orElseThrow();
        assertThat(next.conversation()).as("the continued conversation before the other prompt's item").hasSize(3);
        assertThatThrownBy(() -> platform.tasks.submit(talker.id(), next.taskId(), "mt-2",
                new JudgmentPayload.MultiTurn(PairwiseChoice.BOTH_BAD, 0, "more?", null, 5)))
                .isInstanceOf(PlatformError.class).hasMessageContaining("next_user_turn");
        SubmitResult stop = platform.tasks.submit(talker.id(), next.taskId(), "mt-3", new JudgmentPayload.Pairwise(PairwiseChoice.A, 1, null, 5));
        assertThat(stop.continuation()).as("a plain comparison ends the conversation").isNull();
        assertThat(platform.tasks.nextTask(talker.id()).orElseThrow().conversation()).hasSize(1);
    }

    @Test
    void requiresAJustificationOfTheMinimumLengthWhenTheProjectSaysSo() {
        Project p = platform.projects.create(Project.Spec.of("why", PAIRWISE, 1)
                .withJustification(new JustificationPolicy(JustificationPolicy.Mode.REQUIRED, 20)), "admin");
        platform.addPrompts(p, 1, 2, "general");
        User u = platform.annotator("explainer", null);
        TaskView t = platform.tasks.nextTask(u.id()).orElseThrow();
        for (String missing : new String[]{null, "too short"}) {
            assertThatThrownBy(() -> platform.tasks.submit(u.id(), t.taskId(), "j-" + (missing == null ? 0 : missing.length()),
                    new JudgmentPayload.Pairwise(PairwiseChoice.A, 1, missing, 5)))
                    .isInstanceOf(PlatformError.class).extracting(e -> ((PlatformError) e).field()).isEqualTo("justification");
        }
        assertThat(judgmentCount()).isZero();
        SubmitResult ok = platform.tasks.submit(u.id(), t.taskId(), "j-ok",
                new JudgmentPayload.Pairwise(PairwiseChoice.A, 1, "  A answers the question, B does not.  ", 5));
        Judgment j = store.transaction(tx -> tx.judgments().find(ok.judgmentId())).orElseThrow();
        assertThat(j.meta().justification()).isEqualTo("A answers the question, B does not.");
    }

    @Test
    void givesEachItemToExactlyNDistinctAnnotators() {
        platform.project(PAIRWISE, 2, 3, 2, "general");
        List<User> panel = List.of(platform.annotator("ann1", null), platform.annotator("ann2", null), platform.annotator("ann3", null));
        Map<String, Set<String>> whoDid = new HashMap<>();
        int total = 0;
        for (User u : panel) {
            for (String item : drain(u, PairwiseChoice.A)) {
                assertThat(whoDid.computeIfAbsent(item, k -> new HashSet<>()).add(u.id())).as("same annotator twice on " + item).isTrue();
                total++;
            }
        }
        assertThat(whoDid).hasSize(3);
        assertThat(whoDid.values()).allSatisfy(s -> assertThat(s).hasSize(2));
        assertThat(total).isEqualTo(6);
        assertThat(judgmentCount()).isEqualTo(6);
    }

    @Test
    void neverGivesAnAnnotatorTheSameItemTwice() {
        platform.project(Set.of(TaskType.PAIRWISE, TaskType.RATING), 5, 2, 3, "general");
        User u = platform.annotator("solo", null);
        List<String> items = new ArrayList<>();
        for (Optional<TaskView> t = platform.tasks.nextTask(u.id()); t.isPresent(); t = platform.tasks.nextTask(u.id())) {
            answerAny(u, t.get());
            items.add(itemOf(t.get().taskId()));
        }
        // 2 prompts x (3 pairs of 3 candidates + 3 single-candidate ratings), each exactly once
        assertThat(items).hasSize(12).doesNotHaveDuplicates();
    }

    @Test
    void expiredLeaseReturnsTheItemToTheQueue() {
        platform.project(PAIRWISE, 1, 1, 2, "general");
        User first = platform.annotator("first", null);
        User second = platform.annotator("second", null);
        TaskView held = platform.tasks.nextTask(first.id()).orElseThrow();
        assertThat(platform.tasks.nextTask(second.id())).as("the only item is leased").isEmpty();

        platform.clock.advance(Duration.ofSeconds(601));
        TaskView retaken = platform.tasks.nextTask(second.id()).orElseThrow();
        assertThat(itemOf(retaken.taskId())).isEqualTo(itemOf(held.taskId()));
        assertThatThrownBy(() -> answer(first, held, PairwiseChoice.A))
                .isInstanceOfSatisfying(PlatformError.class, e -> assertThat(e.kind()).isEqualTo(PlatformError.Kind.GONE));
        answer(second, retaken, PairwiseChoice.A);
        assertThat(platform.tasks.nextTask(first.id())).as("item is now full").isEmpty();
    }

    @Test
    void prefersDomainExpertsForAPromptsDomain() {
        Project p = platform.project(PAIRWISE, 1, 1, 2, "general");
        platform.addPrompts(p, 1, 2, "medicine");
        User doctor = platform.annotator("doctor", Map.of("medicine", ExpertiseLevel.EXPERT));
        User novice = platform.annotator("novice", null);
        TaskView forNovice = platform.tasks.nextTask(novice.id()).orElseThrow();
        TaskView forDoctor = platform.tasks.nextTask(doctor.id()).orElseThrow();
        assertThat(forDoctor.domain()).isEqualTo("medicine");
        assertThat(forNovice.domain()).as("novice is kept on general work while it exists").isEqualTo("general");
    }

    @Test
    void mixesGoldItemsIntoTheQueueAndScoresThem() {
        Project p = platform.projects.create(Project.Spec.of("gold", PAIRWISE, 1).withGoldEvery(3), "admin");
        var prompts = platform.addPrompts(p, 4, 2, "general");
        List<String> goldPair = platform.projects.candidates(p.id(), prompts.get(0).id()).stream().map(c -> c.id()).toList();
        platform.projects.addKnownAnswerItem(p.id(), ItemKind.GOLD, prompts.get(0).id(), TaskType.PAIRWISE, goldPair,
                new JudgmentPayload.Pairwise(PairwiseChoice.A, 3, null, 0));
        User u = platform.annotator("worker", null);
        List<String> kinds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            TaskView t = platform.tasks.nextTask(u.id()).orElseThrow();
            kinds.add(kindOf(t.taskId()));
            answer(u, t, PairwiseChoice.TIE);
        }
        assertThat(kinds).containsExactly("REAL", "REAL", "GOLD", "REAL");
        assertThat(new Db(store).one("SELECT gold_correct FROM platform_assignments WHERE gold_correct IS NOT NULL",
                rs -> rs.getBoolean(1))).contains(false);
    }

    @Test
    void requiresPassingTheQualificationSetBeforeRealTasks() {
        Project p = platform.project(PAIRWISE, 3, 2, 2, "general");
        var qPrompt = platform.addPrompts(p, 1, 0, "qualification").get(0);
        var a = io.rlhf4j.core.data.Completion.of(qPrompt.id(), "right", io.rlhf4j.core.data.Provenance.imported("q"));
        var b = io.rlhf4j.core.data.Completion.of(qPrompt.id(), "wrong", io.rlhf4j.core.data.Provenance.imported("q"));
        store.inTransaction(tx -> tx.completions().saveAll(List.of(a, b)));
        platform.projects.addKnownAnswerItem(p.id(), ItemKind.QUALIFICATION, qPrompt.id(), TaskType.PAIRWISE, List.of(a.id(), b.id()),
                new JudgmentPayload.Pairwise(PairwiseChoice.A, 1, null, 0));

        User careless = platform.annotator("careless", null);
        User careful = platform.annotator("careful", null);
        TaskView q1 = platform.tasks.nextTask(careless.id()).orElseThrow();
        assertThat(kindOf(q1.taskId())).isEqualTo("QUALIFICATION");
        answer(careless, q1, PairwiseChoice.BOTH_BAD);
        assertThat(platform.tasks.nextTask(careless.id())).as("failed qualification: no real work").isEmpty();

        TaskView q2 = platform.tasks.nextTask(careful.id()).orElseThrow();
        assertThat(kindOf(q2.taskId())).isEqualTo("QUALIFICATION");
        PairwiseChoice right = q2.candidates().get(0).equals("right") ? PairwiseChoice.A : PairwiseChoice.B;
        answer(careful, q2, right);
        TaskView real = platform.tasks.nextTask(careful.id()).orElseThrow();
        assertThat(kindOf(real.taskId())).isEqualTo("REAL");
    }

    @Test
    void retriedSubmissionWithTheSameKeyCountsOnce() {
        platform.project(PAIRWISE, 1, 1, 2, "general");
        User u = platform.annotator("retrier", null);
        TaskView t = platform.tasks.nextTask(u.id()).orElseThrow();
        var payload = new JudgmentPayload.Pairwise(PairwiseChoice.B, 3, null, 10);
        SubmitResult first = platform.tasks.submit(u.id(), t.taskId(), "same-key", payload);
        SubmitResult retry = platform.tasks.submit(u.id(), t.taskId(), "same-key", payload);
        assertThat(first.duplicate()).isFalse();
        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.judgmentId()).isEqualTo(first.judgmentId());
        assertThat(judgmentCount()).isEqualTo(1);
        assertThatThrownBy(() -> platform.tasks.submit(u.id(), t.taskId(), "other-key", payload))
                .isInstanceOfSatisfying(PlatformError.class, e -> assertThat(e.kind()).isEqualTo(PlatformError.Kind.CONFLICT));
    }

    @Test
    void rejectsSubmissionFromAnotherAnnotator() {
        platform.project(PAIRWISE, 2, 1, 2, "general");
        User owner = platform.annotator("owner", null);
        User intruder = platform.annotator("intruder", null);
        TaskView t = platform.tasks.nextTask(owner.id()).orElseThrow();
        assertThatThrownBy(() -> answer(intruder, t, PairwiseChoice.A))
                .isInstanceOfSatisfying(PlatformError.class, e -> assertThat(e.kind()).isEqualTo(PlatformError.Kind.FORBIDDEN));
        assertThatThrownBy(() -> platform.tasks.task(intruder.id(), t.taskId()))
                .isInstanceOfSatisfying(PlatformError.class, e -> assertThat(e.kind()).isEqualTo(PlatformError.Kind.FORBIDDEN));
        assertThat(judgmentCount()).isZero();
    }

    @Test
    void recordsShownPositionsAndGuidelineVersionOnTheJudgment() {
        Project p = platform.project(PAIRWISE, 1, 1, 2, "general");
        platform.projects.updateGuideline(p.id(), "# v2\nBe strict.", "admin");
        User u = platform.annotator("reader", null);
        TaskView t = platform.tasks.nextTask(u.id()).orElseThrow();
        assertThat(t.guidelineVersion()).isEqualTo(2);
        assertThat(t.guideline()).contains("Be strict.");
        SubmitResult r = answer(u, t, PairwiseChoice.A);
        Judgment j = store.transaction(tx -> tx.judgments().find(r.judgmentId())).orElseThrow();
        PairwiseJudgment pj = (PairwiseJudgment) j;
        String shownFirst = store.transaction(tx -> tx.completions().find(pj.completionA())).orElseThrow().text();
        assertThat(shownFirst).isEqualTo(t.candidates().get(0));
        assertThat(j.meta().guidelineVersion()).isEqualTo(p.id() + "/v2");
    }

    @Test
    void randomisesWhichCandidateIsShownFirst() {
        platform.project(PAIRWISE, 1, 30, 2, "general");
        User u = platform.annotator("looker", null);
        Set<String> firstShown = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            TaskView t = platform.tasks.nextTask(u.id()).orElseThrow();
            firstShown.add(t.candidates().get(0).substring(0, "answer 0".length()));
            answer(u, t, PairwiseChoice.A);
        }
        assertThat(firstShown).containsExactlyInAnyOrder("answer 0", "answer 1");
    }

    @Test
    void concurrentAnnotatorsNeverExceedTheOverlap() throws Exception {
        platform.project(PAIRWISE, 2, 6, 2, "general");
        List<User> panel = new ArrayList<>();
        for (int i = 0; i < 8; i++) panel.add(platform.annotator("c" + i, null));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Map<String, Integer> perItem = new ConcurrentHashMap<>();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (User u : panel) futures.add(pool.submit(() -> drain(u, PairwiseChoice.A).forEach(i -> perItem.merge(i, 1, Integer::sum))));
            for (Future<?> f : futures) f.get();
        } finally {
            pool.shutdown();
        }
        assertThat(perItem).hasSize(6);
        assertThat(perItem.values()).containsOnly(2);
    }
}
