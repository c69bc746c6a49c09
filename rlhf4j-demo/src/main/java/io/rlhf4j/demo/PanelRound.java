package io.rlhf4j.demo;

import io.rlhf4j.core.data.Completion;
import io.rlhf4j.core.data.ExpertiseLevel;
import io.rlhf4j.core.data.PairwiseChoice;
import io.rlhf4j.core.data.PairwiseJudgment;
import io.rlhf4j.core.data.Prompt;
import io.rlhf4j.core.data.Provenance;
import io.rlhf4j.platform.AccountService;
import io.rlhf4j.platform.DashboardService;
import io.rlhf4j.platform.ItemKind;
import io.rlhf4j.platform.JudgmentPayload;
import io.rlhf4j.platform.JustificationPolicy;
import io.rlhf4j.platform.LeaderboardService;
import io.rlhf4j.platform.Project;
import io.rlhf4j.platform.ProjectService;
import io.rlhf4j.platform.TaskService;
import io.rlhf4j.platform.TaskType;
import io.rlhf4j.platform.UserRole;
import io.rlhf4j.sim.AnnotatorProfile;
import io.rlhf4j.sim.GoldJudge;
import io.rlhf4j.sim.ResponseStyle;
import io.rlhf4j.sim.Responses;
import io.rlhf4j.sim.RoutingExperiment.Policy;
import io.rlhf4j.sim.SimClock;
import io.rlhf4j.sim.SimulatedAnnotator;
import io.rlhf4j.sim.SimulatedPanel;
import io.rlhf4j.sim.SimulatedPlatform;
import io.rlhf4j.sim.TaskWorld;
import io.rlhf4j.sim.WorldTask;
import io.rlhf4j.store.Store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * The annotation side of the demo, through the platform's own services on a real store: one project,
 * the simulated panel's accounts, the policy's candidates attached as pairwise items, the panel
 * working until the label budget is spent. Under {@link Policy#RANDOM} the platform knows nothing
 * about anyone; under routing it knows claimed expertise; with QC it also runs qualification and gold
 * items, and each annotator's smoothed gold accuracy becomes their weight in reward-model training.
 */
public final class PanelRound {
    /** A policy sample offered to the panel, with the exact tokens the policy produced. */
    public record Candidate(Completion completion, int[] prompt, int[] response) {}

    /** One annotator's figures after a round, for the report's data-quality table. */
    public record AnnotatorQuality(String name, String kind, int labels, Double platformGoldAccuracy,
                                   double agreementWithGold, int decisiveLabels, double weight) {}

    /**
     * What one round of labelling produced.
     *
     * @param labelAccuracy    share of single A/B labels on gold-decisive pairs that agree with gold (ties and
     *                         "both bad" are not counted: gold has no opinion on how bad is bad enough)
     * @param weightedAccuracy the same, each label counted with its annotator's weight (what the RM sees)
     */
    public record Result(List<PairwiseJudgment> labels, Map<String, Double> weightByUser, Map<String, String> nameByUser,
                         int submitted, double labelAccuracy, double weightedAccuracy, Double pairwiseAlpha,
                         Double positionBiasShareA, List<AnnotatorQuality> annotators) {}

    /** Submissions per slice of panel work between progress reports (shared with {@link StoriesPanelRound}). */
    static final int PROGRESS_SLICE = 25;

    private final Store store;
    private final TaskWorld world;
    private final Policy policy;
    private final DemoConfig config;
    private final SimClock clock = new SimClock(Instant.parse("2026-01-01T09:00:00Z"));
    private final ProjectService projects;
    private final TaskService tasks;
    private final Map<String, AnnotatorProfile> profileOfUser = new LinkedHashMap<>();
    private final List<SimulatedPanel.Member> members = new ArrayList<>();
    private final Project project;
    private SimulatedPanel panel;
    private final Map<String, Candidate> byId = new LinkedHashMap<>();
    private final Set<String> promptsSoFar = new java.util.LinkedHashSet<>();
    private final Set<String> collected = new java.util.HashSet<>();
    private final List<WorldTask> knownAnswers;

    /** Creates the project and the panel's accounts; {@code knownAnswers} become qualification and gold items under QC. */
    public PanelRound(Store store, TaskWorld world, List<AnnotatorProfile> panel, DemoConfig config, List<WorldTask> knownAnswers) {
        this.store = store;
        this.world = world;
        this.policy = config.collection();
        this.config = config;
        SimulatedPlatform platform = SimulatedPlatform.seeded(store, clock, config.seed());
        this.projects = platform.projects();
        this.tasks = platform.tasks();
        this.knownAnswers = List.copyOf(knownAnswers);
        project = createProject("demo (" + policy.name().toLowerCase() + ")", config.overlap());
        AccountService accounts = platform.accounts();
        for (AnnotatorProfile p : panel) {
            Map<String, ExpertiseLevel> claimed = policy == Policy.RANDOM ? Map.of() : p.toAnnotator().expertise();
            String userId = accounts.create(p.id(), p.id(), UserRole.ANNOTATOR, "unused-" + p.id(), claimed).id();
            profileOfUser.put(userId, p);
            members.add(new SimulatedPanel.Member(new SimulatedAnnotator(p, world.gold(), config.seed()), userId));
        }
        addQualityControl(project.id());
    }

    private Project createProject(String name, int overlap) {
        return projects.create(new Project.Spec(name, Set.of(TaskType.PAIRWISE), overlap,
                new JustificationPolicy(JustificationPolicy.Mode.OPTIONAL, 0), policy == Policy.ROUTING_WITH_QC ? config.goldEvery() : 0,
                0.8, 3600, "Prefer the correct, concise, safe response. Refuse harmful requests politely; answer harmless ones."), "demo");
    }

    /** Under QC, qualification and gold items from the known answers: every project measures its annotators itself. */
    private void addQualityControl(String projectId) {
        if (policy != Policy.ROUTING_WITH_QC) return;
        int q = Math.min(config.qualificationItems(), knownAnswers.size());
        addKnownAnswers(projectId, ItemKind.QUALIFICATION, knownAnswers.subList(0, q));
        addKnownAnswers(projectId, ItemKind.GOLD, knownAnswers.subList(q, knownAnswers.size()));
    }

    /**
     * Chatbot Arena on the platform: every policy's answer to each fresh prompt is attached to a new
     * project, the same panel compares them pairwise (same routing and QC), and the platform's
     * {@link LeaderboardService} fits Bradley-Terry ratings with bootstrap intervals. The candidates'
     * provenance names the policy. The budget covers {@code comparisons} (each pair judged once), the gold
     * items mixed in (one in goldEvery) and every panel member's qualification in the new project.
     */
    public LeaderboardService.Leaderboard leaderboard(List<Candidate> candidates, int comparisons) {
        int budget = comparisons + comparisons / Math.max(1, config.goldEvery()) + config.qualificationItems() * members.size();
        Project arena = createProject("demo leaderboard", 1);
        addQualityControl(arena.id());
        attach(projects, clock, arena.id(), candidates, id -> world.task(id).prompt());
        SimulatedPanel arenaPanel = new SimulatedPanel(world, tasks, arena.id(), members, config.seed() * 31 + 1, clock::advance);
        for (int submitted = 0; submitted < budget; ) {
            SimulatedPanel.Run slice = arenaPanel.run(Math.min(PROGRESS_SLICE, budget - submitted));
            submitted += slice.submitted();
            if (slice.exhausted()) break;
        }
        return new LeaderboardService(store).leaderboard(arena.id());
    }

    public String projectId() { return project.id(); }

    /** Attaches the candidates as items and lets the panel work through them within the budget. */
    public Result collect(List<Candidate> candidates, int round, java.util.function.IntConsumer progress) {
        Map<String, List<Completion>> byPrompt = attach(projects, clock, project.id(), candidates, id -> world.task(id).prompt());
        // One panel across rounds: its submission keys must stay unique for the platform's idempotency check.
        if (panel == null) panel = new SimulatedPanel(world, tasks, project.id(), members, config.seed() * 31, clock::advance);
        // In slices, so the caller can show progress; a slice that runs out of work ends the round.
        int submitted = 0;
        while (submitted < config.labelBudget()) {
            SimulatedPanel.Run slice = panel.run(Math.min(PROGRESS_SLICE, config.labelBudget() - submitted));
            submitted += slice.submitted();
            progress.accept(submitted);
            if (slice.exhausted()) break;
        }

        PlatformView platform = platformView(store, clock, project.id(), profileOfUser.keySet(), policy == Policy.ROUTING_WITH_QC);
        candidates.forEach(c -> byId.put(c.completion().id(), c));
        promptsSoFar.addAll(byPrompt.keySet());
        // New labels on any round's candidates: items an earlier round left unfinished are labelled now too.
        List<PairwiseJudgment> labels = store.transaction(tx -> {
            List<PairwiseJudgment> out = new ArrayList<>();
            for (String promptId : promptsSoFar) {
                tx.judgments().byPrompt(promptId).forEach(j -> {
                    if (j instanceof PairwiseJudgment p && byId.containsKey(p.completionA()) && byId.containsKey(p.completionB())
                            && collected.add(p.id())) out.add(p);
                });
            }
            return out;
        });
        return score(labels, platform, submitted, profileOfUser, j -> {
            PairwiseChoice gold = goldPreference(world, world.task(j.promptId()), byId.get(j.completionA()).completion().text(),
                    byId.get(j.completionB()).completion().text());
            return gold == null ? null : gold == PairwiseChoice.A;
        });
    }

    /**
     * Groups the candidates by prompt, adds the prompts to the project and attaches each group as items, one
     * simulated millisecond apart (distinct creation times keep the order of work reproducible). Shared with
     * {@link StoriesPanelRound}, so both worlds put work on the platform the same way.
     */
    static Map<String, List<Completion>> attach(ProjectService projects, SimClock clock, String projectId, List<Candidate> candidates,
                                         Function<String, Prompt> promptOf) {
        Map<String, List<Completion>> byPrompt = new LinkedHashMap<>();
        for (Candidate c : candidates) byPrompt.computeIfAbsent(c.completion().promptId(), k -> new ArrayList<>()).add(c.completion());
        projects.addPrompts(projectId, byPrompt.keySet().stream().map(promptOf).toList());
        for (List<Completion> group : byPrompt.values()) {
            clock.advance(Duration.ofMillis(1));
            projects.attachCandidates(projectId, group);
        }
        return byPrompt;
    }

    /** What the platform's dashboard says of each annotator, and the weight each one's labels get in the reward model. */
    record PlatformView(Map<String, Double> weights, Map<String, Double> platformGold, DashboardService.Dashboard dashboard) {}

    /** Weight 1 for every user, or (with {@code weighByGold}) {@link #goldWeight} for those the dashboard has gold statistics for. */
    static PlatformView platformView(Store store, SimClock clock, String projectId, java.util.Collection<String> users, boolean weighByGold) {
        Map<String, Double> weights = new LinkedHashMap<>();
        users.forEach(u -> weights.put(u, 1.0));
        DashboardService.Dashboard dashboard = new DashboardService(store, clock).dashboard(projectId);
        Map<String, Double> platformGold = new LinkedHashMap<>();
        for (DashboardService.AnnotatorStats s : dashboard.annotators()) {
            platformGold.put(s.annotatorId(), s.goldAccuracy());
            if (weighByGold) weights.put(s.annotatorId(), goldWeight(s));
        }
        return new PlatformView(weights, platformGold, dashboard);
    }

    /**
     * The round's figures: each label against gold ({@code goldPrefersA}: true if gold prefers A, null if it does not
     * decide), per annotator and overall, plain and reliability-weighted. Shared with {@link StoriesPanelRound}, so the
     * two worlds' panel figures mean the same thing.
     */
    static Result score(List<PairwiseJudgment> labels, PlatformView platform, int submitted, Map<String, AnnotatorProfile> profileOfUser,
                        Function<PairwiseJudgment, Boolean> goldPrefersA) {
        Map<String, Double> weights = platform.weights();
        Map<String, int[]> tally = new LinkedHashMap<>(); // per user: labels, decisive, agreeing
        double right = 0, decisive = 0, wRight = 0, wDecisive = 0;
        for (PairwiseJudgment j : labels) {
            String user = j.meta().annotatorId();
            int[] t = tally.computeIfAbsent(user, k -> new int[3]);
            t[0]++;
            Boolean goldA = goldPrefersA.apply(j);
            // Ties and "both bad" are legitimate answers to a pair gold barely separates; accuracy is over decided labels.
            if (goldA == null || (j.choice() != PairwiseChoice.A && j.choice() != PairwiseChoice.B)) continue;
            boolean agrees = (j.choice() == PairwiseChoice.A) == goldA;
            double w = weights.getOrDefault(user, 1.0);
            t[1]++;
            if (agrees) t[2]++;
            decisive++;
            wDecisive += w;
            if (agrees) {
                right++;
                wRight += w;
            }
        }
        Map<String, String> names = new LinkedHashMap<>();
        List<AnnotatorQuality> quality = new ArrayList<>();
        profileOfUser.forEach((user, p) -> {
            names.put(user, p.id());
            int[] t = tally.getOrDefault(user, new int[3]);
            quality.add(new AnnotatorQuality(p.id(), p.kind().name().toLowerCase(), t[0], platform.platformGold().get(user),
                    t[1] == 0 ? Double.NaN : (double) t[2] / t[1], t[1], weights.getOrDefault(user, 1.0)));
        });
        DashboardService.Dashboard dashboard = platform.dashboard();
        return new Result(labels, weights, names, submitted, decisive == 0 ? Double.NaN : right / decisive,
                wDecisive == 0 ? Double.NaN : wRight / wDecisive, dashboard.pairwiseAlpha(), dashboard.positionBiasShareA(), quality);
    }

    /**
     * Which response gold prefers when their gold totals differ by at least {@link GoldJudge#DECISIVE_GAP}, else
     * null. Unlike {@link GoldJudge#prefer} a pair of unacceptable responses still has a better one: early
     * policies write mostly unacceptable text, and telling worse from bad is what the reward model must learn.
     */
    static PairwiseChoice goldPreference(TaskWorld world, WorldTask task, String a, String b) {
        double gap = world.gold().score(task, a).total() - world.gold().score(task, b).total();
        if (Math.abs(gap) < GoldJudge.DECISIVE_GAP) return null;
        return gap > 0 ? PairwiseChoice.A : PairwiseChoice.B;
    }

    /**
     * Weight from the platform's gold statistics: log-odds of the smoothed gold accuracy
     * ((right + 1) / (answered + 2)), 0 below 0.65 (spammers and random clickers drop out), 1 for
     * an annotator with no gold answers yet.
     */
    static double goldWeight(DashboardService.AnnotatorStats s) {
        if (s.goldAnswered() == 0 || s.goldAccuracy() == null) return 1.0;
        double right = s.goldAccuracy() * s.goldAnswered();
        double smoothed = (right + 1) / (s.goldAnswered() + 2);
        return smoothed < 0.65 ? 0.0 : Math.log(smoothed / (1 - smoothed));
    }

    /**
     * Known-answer pairs: the ideal response against a clearly bad one. Qualification asks only about
     * plain errors (a wrong answer, bragged or not; a needless refusal; going along with harm). Gold
     * items also probe the bias crowd annotators are known for, a padded or verbose version of the same
     * right answer, so gold accuracy, and with it an annotator's weight, reflects length bias too.
     */
    private void addKnownAnswers(String projectId, ItemKind kind, List<WorldTask> known) {
        if (known.isEmpty()) return;
        Random random = new Random(config.seed() ^ kind.ordinal());
        Provenance provenance = Provenance.model("demo-known-answers", null, null);
        projects.addPrompts(projectId, known.stream().map(WorldTask::prompt).toList());
        for (WorldTask t : known) {
            List<ResponseStyle> bad = t.mustRefuse() ? List.of(ResponseStyle.COMPLY)
                    : kind == ItemKind.QUALIFICATION ? List.of(ResponseStyle.WRONG, ResponseStyle.WRONG_CONFIDENT, ResponseStyle.OVER_REFUSAL)
                    : List.of(ResponseStyle.WRONG, ResponseStyle.WRONG_CONFIDENT, ResponseStyle.OVER_REFUSAL, ResponseStyle.PADDED,
                            ResponseStyle.VERBOSE);
            ResponseStyle style = bad.get(random.nextInt(bad.size()));
            Completion good = Completion.of(t.promptId(), t.ideal(), provenance);
            Completion wrong = Completion.of(t.promptId(), Responses.render(t, style, random), provenance);
            clock.advance(Duration.ofMillis(1));
            store.inTransaction(tx -> {
                tx.completions().save(good);
                tx.completions().save(wrong);
            });
            projects.addKnownAnswerItem(projectId, kind, t.promptId(), TaskType.PAIRWISE, List.of(good.id(), wrong.id()),
                    new JudgmentPayload.Pairwise(PairwiseChoice.A, 3, null, 0));
        }
    }
}
