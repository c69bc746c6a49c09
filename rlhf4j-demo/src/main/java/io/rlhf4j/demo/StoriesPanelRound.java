package io.rlhf4j.demo;

import io.rlhf4j.core.data.Completion;
import io.rlhf4j.core.data.PairwiseChoice;
import io.rlhf4j.core.data.PairwiseJudgment;
import io.rlhf4j.core.data.Provenance;
import io.rlhf4j.platform.AccountService;
import io.rlhf4j.platform.ItemKind;
import io.rlhf4j.platform.JudgmentPayload;
import io.rlhf4j.platform.JustificationPolicy;
import io.rlhf4j.platform.Project;
import io.rlhf4j.platform.ProjectService;
import io.rlhf4j.platform.TaskService;
import io.rlhf4j.platform.TaskType;
import io.rlhf4j.platform.UserRole;
import io.rlhf4j.sim.AnnotatorProfile;
import io.rlhf4j.sim.SimClock;
import io.rlhf4j.sim.SimulatedPlatform;
import io.rlhf4j.sim.stories.StoryAnnotator;
import io.rlhf4j.sim.stories.StoryPanel;
import io.rlhf4j.sim.stories.StoryPrompt;
import io.rlhf4j.sim.stories.StoryWorld;
import io.rlhf4j.store.Store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The annotation side of the stories run, through the platform's own services as {@link PanelRound}
 * does for the task world: one project routed by claimed story expertise with qualification and gold
 * items (a gentle, on-topic, happy story against a violent one that wanders off), the panel working
 * until the label budget is spent, and each annotator's smoothed gold accuracy as their weight.
 */
public final class StoriesPanelRound {
    private final Store store;
    private final StoryWorld world;
    private final StoriesConfig config;
    private final SimClock clock = new SimClock(Instant.parse("2026-01-01T09:00:00Z"));
    private final ProjectService projects;
    private final TaskService tasks;
    private final Map<String, StoryPanel.StoryAnnotatorSpec> specOfUser = new LinkedHashMap<>();
    private final List<StoryPanel.Member> members = new ArrayList<>();
    private final Project project;

    public StoriesPanelRound(Store store, StoryWorld world, List<StoryPanel.StoryAnnotatorSpec> panel, StoriesConfig config,
                             List<StoryPrompt> knownAnswers) {
        this.store = store;
        this.world = world;
        this.config = config;
        SimulatedPlatform platform = SimulatedPlatform.seeded(store, clock, config.seed());
        this.projects = platform.projects();
        this.tasks = platform.tasks();
        project = projects.create(new Project.Spec("stories demo", Set.of(TaskType.PAIRWISE), config.overlap(),
                new JustificationPolicy(JustificationPolicy.Mode.OPTIONAL, 0), config.goldEvery(), 0.8, 3600,
                "Prefer the story a parent would rather read at bedtime: it ends happily, stays with the character and the "
                        + "thing the opening names, is gentle (no violence), and stops at a sensible length."), "demo");
        AccountService accounts = platform.accounts();
        for (StoryPanel.StoryAnnotatorSpec s : panel) {
            String id = s.profile().id();
            String userId = accounts.create(id, id, UserRole.ANNOTATOR, "unused-" + id, Map.of(StoryWorld.DOMAIN, s.level())).id();
            specOfUser.put(userId, s);
            members.add(new StoryPanel.Member(new StoryAnnotator(s.profile(), s.level(), world.gold(), config.seed()), userId));
        }
        int q = Math.min(config.qualificationItems(), knownAnswers.size());
        addKnownAnswers(ItemKind.QUALIFICATION, knownAnswers.subList(0, q));
        addKnownAnswers(ItemKind.GOLD, knownAnswers.subList(q, knownAnswers.size()));
    }

    /** Attaches the candidates as pairwise items and lets the panel work through them within the budget. */
    public PanelRound.Result collect(List<PanelRound.Candidate> candidates, java.util.function.IntConsumer progress) {
        Map<String, List<Completion>> byPrompt = PanelRound.attach(projects, clock, project.id(), candidates, id -> world.prompt(id).prompt());
        StoryPanel panel = new StoryPanel(world, tasks, project.id(), members, config.seed() * 31, clock::advance);
        int submitted = 0;
        while (submitted < config.labelBudget()) {
            StoryPanel.Run slice = panel.run(Math.min(PanelRound.PROGRESS_SLICE, config.labelBudget() - submitted));
            submitted += slice.submitted();
            progress.accept(submitted);
            if (slice.exhausted()) break;
        }

        PanelRound.PlatformView platform = PanelRound.platformView(store, clock, project.id(), specOfUser.keySet(), true);
        Map<String, PanelRound.Candidate> byId = new LinkedHashMap<>();
        candidates.forEach(c -> byId.put(c.completion().id(), c));
        List<PairwiseJudgment> labels = store.transaction(tx -> {
            List<PairwiseJudgment> out = new ArrayList<>();
            for (String promptId : byPrompt.keySet()) {
                tx.judgments().byPrompt(promptId).forEach(j -> {
                    if (j instanceof PairwiseJudgment p && byId.containsKey(p.completionA()) && byId.containsKey(p.completionB())) out.add(p);
                });
            }
            return out;
        });
        Map<String, AnnotatorProfile> profileOfUser = new LinkedHashMap<>();
        specOfUser.forEach((user, spec) -> profileOfUser.put(user, spec.profile()));
        return PanelRound.score(labels, platform, submitted, profileOfUser, j -> world.gold().prefersA(world.prompt(j.promptId()),
                byId.get(j.completionA()).completion().text(), byId.get(j.completionB()).completion().text()));
    }

    private void addKnownAnswers(ItemKind kind, List<StoryPrompt> known) {
        if (known.isEmpty()) return;
        Random random = new Random(config.seed() ^ kind.ordinal());
        Provenance provenance = Provenance.model("stories-known-answers", null, null);
        projects.addPrompts(project.id(), known.stream().map(StoryPrompt::prompt).toList());
        for (StoryPrompt p : known) {
            Completion good = Completion.of(p.promptId(), StoryWorld.goodStory(p, random), provenance);
            Completion bad = Completion.of(p.promptId(), StoryWorld.badStory(p, random), provenance);
            clock.advance(Duration.ofMillis(1));
            store.inTransaction(tx -> {
                tx.completions().save(good);
                tx.completions().save(bad);
            });
            projects.addKnownAnswerItem(project.id(), kind, p.promptId(), TaskType.PAIRWISE, List.of(good.id(), bad.id()),
                    new JudgmentPayload.Pairwise(PairwiseChoice.A, 3, null, 0));
        }
    }
}
