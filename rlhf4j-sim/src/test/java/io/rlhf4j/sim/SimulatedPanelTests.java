package io.rlhf4j.sim;

import io.rlhf4j.core.data.Completion;
import io.rlhf4j.core.data.Judgment;
import io.rlhf4j.core.data.PairwiseChoice;
import io.rlhf4j.core.data.SafetyFlag;
import io.rlhf4j.platform.DashboardService;
import io.rlhf4j.platform.ItemKind;
import io.rlhf4j.platform.JudgmentPayload;
import io.rlhf4j.platform.Platform;
import io.rlhf4j.platform.Project;
import io.rlhf4j.platform.TaskType;
import io.rlhf4j.platform.User;
import io.rlhf4j.store.testing.StoreTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The panel working through the platform's real task services, written once and run on H2 and PostgreSQL. */
abstract class SimulatedPanelTests extends StoreTestBase {
    private final TaskWorld world = TaskWorld.generate(4, 120);
    private Platform platform;

    @BeforeEach
    void wire() {
        platform = new Platform(store);
    }

    private SimulatedPanel.Member member(AnnotatorProfile profile) {
        User user = platform.annotator(profile.id(), profile.toAnnotator().expertise());
        return new SimulatedPanel.Member(new SimulatedAnnotator(profile, world.gold(), 3), user.id());
    }

    private Map<String, Completion> attach(Project project, List<WorldTask> tasks, int k) {
        platform.projects.addPrompts(project.id(), tasks.stream().map(WorldTask::prompt).toList());
        CandidateSampler sampler = new CandidateSampler(2);
        Map<String, Completion> byId = new HashMap<>();
        for (WorldTask t : tasks) {
            sampler.sample(t, k).forEach(c -> byId.put(c.id(), c));
            if (t.mustRefuse()) { // make sure there is harm to flag
                Completion comply = Completion.of(t.promptId(), Responses.COMPLY, io.rlhf4j.core.data.Provenance.model("complier", null, null));
                byId.put(comply.id(), comply);
            }
        }
        platform.projects.attachCandidates(project.id(), List.copyOf(byId.values()));
        return byId;
    }

    @Test
    void answersEveryKindOfTaskUntilEveryItemHasItsOverlap() {
        // Every kind but multi-turn, which continues conversations with a model this world does not have.
        Project project = platform.projects.create(Project.Spec.of("all kinds", java.util.EnumSet.complementOf(java.util.EnumSet.of(TaskType.MULTI_TURN)), 3), "admin");
        List<WorldTask> tasks = Stream.concat(world.tasks().stream().filter(WorldTask::mustRefuse).limit(1),
                world.tasks().stream().filter(t -> !t.mustRefuse()).limit(3)).toList();
        Map<String, Completion> candidates = attach(project, tasks, 3);
        List<SimulatedPanel.Member> members = List.of(member(AnnotatorProfile.expert("safety-expert", Domain.values())),
                member(AnnotatorProfile.generalist("crowd")), member(AnnotatorProfile.positionBiased("first-picker")));
        SimulatedPanel panel = new SimulatedPanel(world, platform.tasks, project.id(), members, 9, platform.clock::advance);

        SimulatedPanel.Run run = panel.run(10_000);

        // Per prompt with n candidates: n(n-1)/2 pairs + 1 ranking + n ratings + n safety reviews + 1 demonstration,
        // each item done by all 3 annotators. Harmful prompts have a 4th, complying candidate.
        int items = 0, pairs = 0, singles = 0;
        for (WorldTask t : tasks) {
            int n = t.mustRefuse() ? 4 : 3;
            pairs += n * (n - 1) / 2;
            singles += n;
            items += n * (n - 1) / 2 + 1 + 2 * n + 1;
        }
        assertThat(run.exhausted()).isTrue();
        assertThat(run.submitted()).isEqualTo(items * 3);
        List<Judgment> judgments = store.transaction(tx -> {
            List<Judgment> all = new ArrayList<>();
            for (WorldTask t : tasks) all.addAll(tx.judgments().byPrompt(t.promptId()));
            return all;
        });
        Map<String, Long> kinds = judgments.stream().collect(Collectors.groupingBy(Judgment::kind, Collectors.counting()));
        assertThat(kinds).containsEntry("pairwise", pairs * 3L).containsEntry("ranking", tasks.size() * 3L)
                .containsEntry("rating", singles * 3L).containsEntry("demonstration", tasks.size() * 3L);
        assertThat(judgments).extracting(j -> j.meta().annotatorId()).containsOnly(members.stream().map(SimulatedPanel.Member::userId).toArray(String[]::new));
        // Every stored flag from the safety expert points at a response that complies with a harmful request.
        List<SafetyFlag> expertFlags = judgments.stream().filter(j -> j instanceof SafetyFlag).map(j -> (SafetyFlag) j)
                .filter(f -> f.meta().annotatorId().equals(members.get(0).userId())).toList();
        assertThat(expertFlags).isNotEmpty().allSatisfy(f ->
                assertThat(world.score(f.promptId(), candidates.get(f.completionId()).text()).safety()).isZero());
        assertThat(platform.clock.instant()).as("simulated time moved").isAfter(java.time.Instant.parse("2026-05-01T10:00:00Z"));
    }

    @Test
    void goldItemsExposeTheSpammerInThePlatformsOwnDashboard() {
        Project project = platform.projects.create(Project.Spec.of("gold", Set.of(TaskType.PAIRWISE), 3).withGoldEvery(2), "admin");
        attach(project, world.tasks().subList(0, 20), 3);
        // Gold pairs: the ideal response first, a wrong one second; the platform shuffles what it shows.
        for (WorldTask t : world.tasks().subList(30, 60)) {
            if (t.mustRefuse()) continue;
            Completion good = Completion.of(t.promptId(), t.ideal(), io.rlhf4j.core.data.Provenance.model("gold", null, null));
            Completion bad = Completion.of(t.promptId(), Responses.render(t, ResponseStyle.WRONG_CONFIDENT, new java.util.Random(1)),
                    io.rlhf4j.core.data.Provenance.model("gold", null, null));
            platform.projects.addPrompts(project.id(), List.of(t.prompt()));
            store.inTransaction(tx -> { tx.completions().save(good); tx.completions().save(bad); });
            platform.projects.addKnownAnswerItem(project.id(), ItemKind.GOLD, t.promptId(), TaskType.PAIRWISE,
                    List.of(good.id(), bad.id()), new JudgmentPayload.Pairwise(PairwiseChoice.A, 3, null, 0));
        }
        List<SimulatedPanel.Member> members = List.of(member(AnnotatorProfile.expert("expert", Domain.values())),
                member(AnnotatorProfile.spammer("spammer")), member(AnnotatorProfile.generalist("crowd")));
        new SimulatedPanel(world, platform.tasks, project.id(), members, 5, platform.clock::advance).run(130);

        Map<String, DashboardService.AnnotatorStats> stats = new DashboardService(store, platform.clock).dashboard(project.id())
                .annotators().stream().collect(Collectors.toMap(DashboardService.AnnotatorStats::annotatorId, s -> s));
        DashboardService.AnnotatorStats expert = stats.get(members.get(0).userId()), spammer = stats.get(members.get(1).userId());
        System.out.printf("gold accuracy: expert %.2f of %d, spammer %.2f of %d%n", expert.goldAccuracy(), expert.goldAnswered(),
                spammer.goldAccuracy(), spammer.goldAnswered());
        assertThat(expert.goldAnswered()).isGreaterThanOrEqualTo(15);
        assertThat(spammer.goldAnswered()).isGreaterThanOrEqualTo(15);
        assertThat(expert.goldAccuracy()).isGreaterThan(0.9);
        // "Always A" is right only when the platform happened to show the good response first (about half the time).
        assertThat(spammer.goldAccuracy()).isLessThan(0.8);
        assertThat(spammer.meanSecondsPerTask() * 5).isLessThan(expert.meanSecondsPerTask());
    }

    @Test
    void demonstrationsGoThroughTheStoreLikeRealData() {
        List<WriterProfile> experts = List.of(WriterProfile.expert("writer-expert"));
        List<WriterProfile> crowd = List.of(WriterProfile.generalist("writer-crowd"));
        List<io.rlhf4j.core.data.DatasetItem> items = DemonstrationWriter.mixedDataset(world, experts, crowd, 0.5, 6,
                java.time.Instant.parse("2026-01-01T00:00:00Z"));
        store.inTransaction(tx -> {
            tx.annotators().save(experts.get(0).toAnnotator());
            tx.annotators().save(crowd.get(0).toAnnotator());
            tx.saveItems(items);
        });
        List<Judgment> expertDemos = store.transaction(tx -> tx.judgments().byAnnotator("writer-expert"));
        List<Judgment> crowdDemos = store.transaction(tx -> tx.judgments().byAnnotator("writer-crowd"));
        assertThat(expertDemos.size() + crowdDemos.size()).isEqualTo(world.tasks().size());
        assertThat(expertDemos).allSatisfy(j -> assertThat(((io.rlhf4j.core.data.Demonstration) j).text())
                .isEqualTo(world.task(j.promptId()).ideal()));
        assertThat(crowdDemos).anySatisfy(j -> assertThat(((io.rlhf4j.core.data.Demonstration) j).text())
                .isNotEqualTo(world.task(j.promptId()).ideal()));
        assertThat(store.transaction(tx -> tx.annotators().find("writer-crowd")).orElseThrow().levelIn("arithmetic"))
                .isEqualTo(io.rlhf4j.core.data.ExpertiseLevel.GENERALIST);
    }
}
