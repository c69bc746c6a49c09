package io.rlhf4j.platform;

import io.rlhf4j.core.data.Completion;
import io.rlhf4j.core.data.PairwiseChoice;
import io.rlhf4j.core.data.Prompt;
import io.rlhf4j.core.data.Provenance;
import io.rlhf4j.core.stats.ModelStrength;
import io.rlhf4j.store.testing.StoreTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Dashboard, leaderboard, export and candidate generation over real submissions; H2 and PostgreSQL. */
abstract class ReportTests extends StoreTestBase {
    private Platform platform;
    private final AtomicInteger keys = new AtomicInteger();

    @BeforeEach
    void wire() {
        platform = new Platform(store);
    }

    /** Each annotator prefers the completion whose text starts with {@code preferred}, with the given strength. */
    private void judgeAll(User u, String preferred, int strength) {
        judgeAll(u, t -> t.candidates().get(0).startsWith(preferred), strength);
    }

    private void judgeAll(User u, java.util.function.Predicate<TaskView> prefersFirst, int strength) {
        judgeAll(u, prefersFirst, t -> strength);
    }

    private void judgeAll(User u, java.util.function.Predicate<TaskView> prefersFirst,
                          java.util.function.ToIntFunction<TaskView> strength) {
        for (Optional<TaskView> t = platform.tasks.nextTask(u.id()); t.isPresent(); t = platform.tasks.nextTask(u.id())) {
            boolean firstIsPreferred = prefersFirst.test(t.get());
            platform.tasks.submit(u.id(), t.get().taskId(), "k" + keys.incrementAndGet(),
                    new JudgmentPayload.Pairwise(firstIsPreferred ? PairwiseChoice.A : PairwiseChoice.B, strength.applyAsInt(t.get()),
                            null, 2000));
        }
    }

    /** 1, 2 or 3 by the question's number: the same for every annotator, different across items. */
    private static int strengthByQuestion(TaskView t) {
        String q = t.conversation().get(0).content();
        return 1 + Integer.parseInt(q.split(" ")[2]) % 3;
    }

    @Test
    void leaderboardRanksTheModelAnnotatorsPreferWithIntervals() {
        Project p = platform.project(Set.of(TaskType.PAIRWISE), 3, 12, 2, "general");
        judgeAll(platform.annotator("r1", null), "answer 1", 2);
        judgeAll(platform.annotator("r2", null), "answer 1", 3);
        // r3 prefers m0's answer on the first half of the prompts ("question 0".."question 5") and m1's on the rest.
        judgeAll(platform.annotator("r3", null), t -> {
            String q = t.conversation().get(0).content();
            boolean firstHalf = Integer.parseInt(q.split(" ")[2]) < 6;
            return t.candidates().get(0).startsWith(firstHalf ? "answer 0" : "answer 1");
        }, 1);
        LeaderboardService.Leaderboard board = new LeaderboardService(store).leaderboard(p.id());
        assertThat(board.battles()).isEqualTo(36);
        List<ModelStrength> models = board.fit().orElseThrow().strengths();
        assertThat(models.get(0).model()).isEqualTo("m1");
        assertThat(models.get(0).rating()).isGreaterThan(models.get(1).rating());
        assertThat(models.get(0).lower()).isLessThan(models.get(0).rating());
        assertThat(models.get(0).upper()).isGreaterThan(models.get(0).rating());
    }

    @Test
    void dashboardMeasuresAgreementCoverageAndPositionBias() {
        Project p = platform.project(Set.of(TaskType.PAIRWISE), 2, 10, 2, "general");
        // Identical answers whose strength varies by item: alpha needs variation across items, and with one
        // strength everywhere it has none whenever every item happens to store "answer 1" on the same side
        // (completion ids, and so the canonical side, follow the project's random id: 2 runs in 1,024).
        java.util.function.Predicate<TaskView> answer1 = t -> t.candidates().get(0).startsWith("answer 1");
        judgeAll(platform.annotator("same1", null), answer1, ReportTests::strengthByQuestion);
        judgeAll(platform.annotator("same2", null), answer1, ReportTests::strengthByQuestion);
        DashboardService.Dashboard d = new DashboardService(store, platform.clock).dashboard(p.id());
        assertThat(d.submitted()).isEqualTo(20);
        assertThat(d.coverage()).isEqualTo(1.0);
        assertThat(d.itemsComplete()).isEqualTo(10);
        assertThat(d.pairwiseAlpha()).as("identical answers: perfect agreement").isCloseTo(1.0, within(1e-9));
        assertThat(d.positionBiasShareA()).as("positions are shuffled, preference follows content").isBetween(0.2, 0.8);
        assertThat(d.medianSecondsPerTask()).isEqualTo(2.0);
        assertThat(d.annotators()).extracting(DashboardService.AnnotatorStats::submitted).containsOnly(10L);
    }

    @Test
    void exportCarriesConsensusAndLineage() {
        Project p = platform.project(Set.of(TaskType.PAIRWISE), 2, 3, 2, "general");
        User a = platform.annotator("ea", null), b = platform.annotator("eb", null);
        judgeAll(a, "answer 1", 3);
        judgeAll(b, "answer 1", 1);
        Map<String, Object> export = new ExportService(store).export(p.id());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) export.get("items");
        assertThat(items).hasSize(3).allSatisfy(item -> checkItem(item, a, b, p));
    }

    @SuppressWarnings("unchecked")
    private static void checkItem(Map<String, Object> item, User a, User b, Project p) {
        {
            assertThat((List<?>) item.get("judgment_ids")).hasSize(2).doesNotContainNull();
            assertThat((List<Object>) item.get("annotator_ids")).containsExactlyInAnyOrder(a.id(), b.id());
            assertThat((List<Object>) item.get("guideline_versions")).containsExactly(p.id() + "/v1");
            assertThat((List<Object>) item.get("weights")).containsExactly(0.5, 0.5);
            @SuppressWarnings("unchecked")
            Map<String, Object> consensus = (Map<String, Object>) item.get("consensus");
            List<?> ids = (List<?>) item.get("completion_ids");
            List<?> models = (List<?>) item.get("models");
            String chosenModel = (String) models.get(ids.indexOf(consensus.get("chosen")));
            assertThat(chosenModel).isEqualTo("m1");
            assertThat(Math.abs((Double) consensus.get("weighted_scale"))).isEqualTo(2.0);
        }
    }

    @Test
    void flagsAndExcludesAnAnnotatorWhoContradictsPeersAndDropsThemFromTheConsensus() {
        Project p = platform.project(Set.of(TaskType.PAIRWISE), 3, 12, 2, "general");
        User good1 = platform.annotator("g1", null), good2 = platform.annotator("g2", null), contrarian = platform.annotator("c1", null);
        judgeAll(good1, "answer 1", 2);
        judgeAll(good2, "answer 1", 2);
        judgeAll(contrarian, "answer 0", 3);
        QualityService.Report q = new QualityService(store).report(p.id());
        Map<String, QualityService.AnnotatorQuality> by = new java.util.HashMap<>();
        q.annotators().forEach(a -> by.put(a.username(), a));
        assertThat(by.get("c1").peerAgreement()).isEqualTo(0.0);
        assertThat(by.get("c1").flags()).containsExactly(QualityService.Flag.LOW_PEER_AGREEMENT);
        assertThat(by.get("c1").excluded()).isTrue();
        assertThat(by.get("g1").peerAgreement()).as("agrees with g1, not with c1").isEqualTo(0.5);
        assertThat(by.get("g1").flags()).isEmpty();
        assertThat(by.get("g1").weight()).isEqualTo(0.5);
        assertThat(q.disputedItems()).isEqualTo(12);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) new ExportService(store).export(p.id()).get("items");
        for (Map<String, Object> item : items) {
            @SuppressWarnings("unchecked")
            Map<String, Object> consensus = (Map<String, Object>) item.get("consensus");
            List<?> ids = (List<?>) item.get("completion_ids");
            assertThat(((List<?>) item.get("models")).get(ids.indexOf(consensus.get("chosen")))).as("the contrarian's strong votes do not count")
                    .isEqualTo("m1");
            assertThat(Math.abs((Double) consensus.get("weighted_scale"))).isEqualTo(2.0);
            assertThat((List<Object>) item.get("weights")).contains(0.0);
        }
    }

    @Test
    void measuresPositionAndLengthBiasAndHalvesTheWeightOfAnAnnotatorStuckOnOneSide() {
        Project p = platform.projects.create(Project.Spec.of("bias", Set.of(TaskType.PAIRWISE), 1), "admin");
        List<Prompt> prompts = platform.addPrompts(p, 12, 0, "general");
        List<Completion> cs = new ArrayList<>();
        for (Prompt prompt : prompts) {
            cs.add(Completion.of(prompt.id(), "short", Provenance.model("terse", null, null)));
            cs.add(Completion.of(prompt.id(), "a much longer answer with many words", Provenance.model("verbose", null, null)));
        }
        platform.projects.attachCandidates(p.id(), cs);
        User clicker = platform.annotator("always-a", null);
        for (Optional<TaskView> t = platform.tasks.nextTask(clicker.id()); t.isPresent(); t = platform.tasks.nextTask(clicker.id())) {
            platform.tasks.submit(clicker.id(), t.get().taskId(), "k" + keys.incrementAndGet(), new JudgmentPayload.Pairwise(PairwiseChoice.A, 1, null, 5000));
        }
        QualityService.AnnotatorQuality a = new QualityService(store).report(p.id()).annotators().get(0);
        assertThat(a.shareShownFirst()).isEqualTo(1.0);
        assertThat(a.flags()).containsExactly(QualityService.Flag.POSITION_BIAS);
        assertThat(a.weight()).as("suspect, not excluded: half of the no-gold 0.5").isEqualTo(0.25);
        assertThat(a.shareLonger()).as("positions are shuffled, so always-A picks the longer one about half the time").isBetween(0.1, 0.9);

        User verbose = platform.annotator("likes-long", null);
        Project p2 = platform.projects.create(Project.Spec.of("bias2", Set.of(TaskType.PAIRWISE), 1), "admin");
        platform.projects.addPrompts(p2.id(), prompts);
        platform.projects.attachCandidates(p2.id(), cs);
        for (Optional<TaskView> t = platform.tasks.nextTask(verbose.id(), p2.id()); t.isPresent(); t = platform.tasks.nextTask(verbose.id(), p2.id())) {
            boolean longFirst = t.get().candidates().get(0).length() > t.get().candidates().get(1).length();
            platform.tasks.submit(verbose.id(), t.get().taskId(), "k" + keys.incrementAndGet(),
                    new JudgmentPayload.Pairwise(longFirst ? PairwiseChoice.A : PairwiseChoice.B, 2, null, 5000));
        }
        QualityService.Report q2 = new QualityService(store).report(p2.id());
        assertThat(q2.shareLonger()).isEqualTo(1.0);
        assertThat(q2.annotators().get(0).flags()).as("length preference is reported, not punished: it may be right").isEmpty();
    }

    @Test
    void reviewerAdjudicatesADisputedItemAndTheExportUsesTheDecision() {
        Project p = platform.project(Set.of(TaskType.PAIRWISE), 2, 2, 2, "general");
        User a = platform.annotator("da", null), b = platform.annotator("db", null);
        User reviewer = platform.accounts.create("rev", null, UserRole.REVIEWER, "password-rev", Map.of());
        judgeAll(a, "answer 1", 1);
        judgeAll(b, "answer 0", 1);
        AdjudicationService adj = new AdjudicationService(store, platform.clock);
        List<AdjudicationService.Dispute> queue = adj.queue(p.id(), 10);
        assertThat(queue).hasSize(2);
        AdjudicationService.Dispute d = queue.get(0);
        assertThat(d.candidates()).hasSize(2);
        assertThat(d.answers()).extracting(AdjudicationService.Answer::username).containsExactlyInAnyOrder("da", "db");
        assertThat(d.answers()).extracting(AdjudicationService.Answer::summary)
                .containsExactlyInAnyOrder("response 1 slightly better", "response 2 slightly better");
        assertThat(d.toString()).doesNotContain("m0", "m1");
        String accepted = d.answers().stream().filter(x -> x.username().equals("db")).findFirst().orElseThrow().taskId();
        adj.adjudicate(p.id(), d.itemId(), reviewer.id(), accepted, "B follows the guideline");
        assertThat(adj.queue(p.id(), 10)).hasSize(1).noneMatch(x -> x.itemId().equals(d.itemId()));
        assertThatThrownBy(() -> adj.adjudicate(p.id(), d.itemId(), reviewer.id(), accepted, null))
                .isInstanceOf(PlatformError.class).extracting(e -> ((PlatformError) e).kind()).isEqualTo(PlatformError.Kind.CONFLICT);
        assertThatThrownBy(() -> adj.adjudicate(p.id(), queue.get(1).itemId(), reviewer.id(), accepted, null))
                .as("a task from another item").isInstanceOf(PlatformError.class).hasMessageContaining("accept_task_id");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) new ExportService(store).export(p.id()).get("items");
        Map<String, Object> item = items.stream().filter(i -> i.get("item_id").equals(d.itemId())).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> consensus = (Map<String, Object>) item.get("consensus");
        List<?> ids = (List<?>) item.get("completion_ids");
        assertThat(consensus.get("source")).isEqualTo("adjudicated");
        assertThat(((List<?>) item.get("models")).get(ids.indexOf(consensus.get("chosen")))).as("db preferred answer 0, from m0").isEqualTo("m0");
        @SuppressWarnings("unchecked")
        Map<String, Object> adjudication = (Map<String, Object>) item.get("adjudication");
        assertThat(adjudication).containsEntry("reviewer_id", reviewer.id()).containsEntry("accepted_annotator_id", b.id())
                .containsEntry("note", "B follows the guideline");
        Map<String, Object> other = items.stream().filter(i -> !i.get("item_id").equals(d.itemId())).findFirst().orElseThrow();
        assertThat(((Map<?, ?>) other.get("consensus")).get("source")).isEqualTo("weighted_vote");
    }

    @Test
    void generatesCandidatesOnlyForPromptsThatHaveNone() {
        Project p = platform.project(Set.of(TaskType.PAIRWISE, TaskType.RATING), 1, 2, 2, "general");
        platform.addPrompts(p, 3, 0, "fresh");
        List<String> asked = new ArrayList<>();
        CandidateGenerator generator = (Prompt prompt, int count) -> {
            asked.add(prompt.id());
            List<Completion> out = new ArrayList<>();
            for (int i = 0; i < count; i++) out.add(Completion.of(prompt.id(), "generated " + i, Provenance.model("policy-" + i, "ckpt", null)));
            return out;
        };
        int items = platform.projects.generateCandidates(p.id(), generator, 3);
        assertThat(asked).hasSize(3);
        assertThat(items).as("3 prompts x (3 pairs + 3 ratings)").isEqualTo(18);
        assertThat(platform.projects.generateCandidates(p.id(), generator, 3)).as("nothing left to generate for").isZero();
    }
}
