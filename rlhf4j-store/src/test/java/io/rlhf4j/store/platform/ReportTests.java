package io.rlhf4j.store.platform;

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
        for (Optional<TaskView> t = platform.tasks.nextTask(u.id()); t.isPresent(); t = platform.tasks.nextTask(u.id())) {
            boolean firstIsPreferred = t.get().candidates().get(0).startsWith(preferred);
            platform.tasks.submit(u.id(), t.get().taskId(), "k" + keys.incrementAndGet(),
                    new JudgmentPayload.Pairwise(firstIsPreferred ? PairwiseChoice.A : PairwiseChoice.B, strength, null, 2000));
        }
    }

    @Test
    void leaderboardRanksTheModelAnnotatorsPreferWithIntervals() {
        Project p = platform.project(Set.of(TaskType.PAIRWISE), 3, 12, 2, "general");
        judgeAll(platform.annotator("r1", null), "answer 1", 2);
        judgeAll(platform.annotator("r2", null), "answer 1", 3);
        judgeAll(platform.annotator("r3", null), "answer 0", 1);
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
        judgeAll(platform.annotator("same1", null), "answer 1", 2);
        judgeAll(platform.annotator("same2", null), "answer 1", 2);
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
