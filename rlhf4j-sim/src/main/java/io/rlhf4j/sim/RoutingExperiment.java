package io.rlhf4j.sim;

import io.rlhf4j.core.data.Completion;
import io.rlhf4j.core.data.ExpertiseLevel;
import io.rlhf4j.core.data.PairwiseChoice;
import io.rlhf4j.core.data.PairwiseJudgment;
import io.rlhf4j.core.data.Provenance;
import io.rlhf4j.core.stats.Annotation;
import io.rlhf4j.core.stats.DawidSkene;
import io.rlhf4j.core.stats.DawidSkeneResult;
import io.rlhf4j.platform.AccountService;
import io.rlhf4j.platform.DashboardService;
import io.rlhf4j.platform.ItemKind;
import io.rlhf4j.platform.JudgmentPayload;
import io.rlhf4j.platform.JustificationPolicy;
import io.rlhf4j.platform.Project;
import io.rlhf4j.platform.ProjectService;
import io.rlhf4j.platform.TaskService;
import io.rlhf4j.platform.TaskType;
import io.rlhf4j.platform.UserRole;
import io.rlhf4j.store.Store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * The experiment the platform exists for: at a fixed label budget, how accurate are the aggregated
 * pairwise labels under (a) random assignment without quality control (plain majority vote), (b)
 * routing to domain experts (the platform knows claimed expertise; votes weighted by it), (c) routing
 * plus quality control (qualification, gold items, votes further weighted by gold accuracy and
 * annotators below a floor dropped)? Everything runs through the real platform services on the given
 * store; the simulated panel only answers tasks. Label accuracy is measured against the gold judge on
 * the labelled pairs where gold has a clear preference.
 */
public final class RoutingExperiment {
    public enum Policy { RANDOM, EXPERT_ROUTING, ROUTING_WITH_QC }

    /**
     * @param prompts            real prompts to label; each gets {@code candidatesPerPrompt} sampled candidates,
     *                           and every pair of them is a pairwise item
     * @param overlap            distinct annotators per item
     * @param budget             submissions allowed, qualification and gold answers included
     * @param qualificationItems known-answer items every annotator must pass first (QC policy only)
     * @param goldItems          known-answer items mixed into the work, one every {@code goldEvery} tasks (QC only)
     * @param minGoldAccuracy    QC drops the votes of annotators whose smoothed gold accuracy is below this
     */
    public record Config(int prompts, int candidatesPerPrompt, int overlap, int budget, int qualificationItems,
                         double qualificationPass, int goldItems, int goldEvery, double minGoldAccuracy, long seed) {
        public static Config defaults() {
            return new Config(150, 3, 3, 600, 6, 0.8, 30, 5, 0.65, 1);
        }

        public Config withBudget(int labels) {
            return new Config(prompts, candidatesPerPrompt, overlap, labels, qualificationItems, qualificationPass, goldItems,
                    goldEvery, minGoldAccuracy, seed);
        }

        public Config withSeed(long s) {
            return new Config(prompts, candidatesPerPrompt, overlap, budget, qualificationItems, qualificationPass, goldItems,
                    goldEvery, minGoldAccuracy, s);
        }
    }

    /**
     * @param labelAccuracy        share of evaluated pairs whose weighted vote matches gold (a tied vote counts half)
     * @param individualAccuracy   per annotator kind, share of its single labels on decisive pairs that match gold
     * @param dawidSkeneAccuracy   the same measure for the Dawid-Skene (1979) labels of the same votes, which need
     *                             no gold and no expertise claims: what unsupervised reliability weighting achieves
     * @param weights              per annotator (profile name), the gold-accuracy weight (1 without QC); the vote weight per pair is this
     *                             times the expertise weight in the pair's domain (policies b and c)
     * @param dawidSkeneReliability per annotator (profile name), Dawid-Skene's estimate of how often its label is right
     */
    public record Result(Policy policy, int budget, int submitted, int realLabels, int pairsEvaluated, double labelAccuracy,
                         double dawidSkeneAccuracy, Map<AnnotatorProfile.Kind, Double> individualAccuracy,
                         Map<String, Double> weights, Map<String, Double> dawidSkeneReliability) {}

    private RoutingExperiment() {}

    /** Runs every policy, each on its own fresh store (the platform's routing looks at all accounts in a store). */
    public static Map<Policy, Result> compare(Function<Policy, Store> freshStore, TaskWorld world, List<AnnotatorProfile> panel,
                                              Config config) {
        Map<Policy, Result> out = new EnumMap<>(Policy.class);
        for (Policy policy : Policy.values()) {
            try (Store store = freshStore.apply(policy)) {
                out.put(policy, run(store, world, panel, policy, config));
            }
        }
        return out;
    }

    public static Result run(Store store, TaskWorld world, List<AnnotatorProfile> panel, Policy policy, Config config) {
        SimClock clock = new SimClock(Instant.parse("2026-01-01T09:00:00Z"));
        SimulatedPlatform platform = SimulatedPlatform.seeded(store, clock, config.seed());
        AccountService accounts = platform.accounts();
        ProjectService projects = platform.projects();
        TaskService tasks = platform.tasks();
        boolean qc = policy == Policy.ROUTING_WITH_QC;

        Project project = projects.create(new Project.Spec("routing experiment: " + policy, Set.of(TaskType.PAIRWISE),
                config.overlap(), new JustificationPolicy(JustificationPolicy.Mode.OPTIONAL, 0), qc ? config.goldEvery() : 0,
                config.qualificationPass(), 3600, "Prefer the correct, concise, safe response."), "sim");

        List<WorldTask> shuffled = new ArrayList<>(world.tasks());
        Collections.shuffle(shuffled, new Random(config.seed()));
        if (shuffled.size() < config.prompts() + config.qualificationItems() + config.goldItems()) {
            throw new IllegalArgumentException("the world has " + shuffled.size() + " tasks, the experiment needs "
                    + (config.prompts() + config.qualificationItems() + config.goldItems()));
        }
        List<WorldTask> real = shuffled.subList(0, config.prompts());
        projects.addPrompts(project.id(), real.stream().map(WorldTask::prompt).toList());
        CandidateSampler sampler = new CandidateSampler(config.seed());
        Map<String, Completion> candidates = new LinkedHashMap<>();
        for (WorldTask t : real) sampler.sample(t, config.candidatesPerPrompt()).forEach(c -> candidates.put(c.id(), c));
        for (WorldTask t : real) {
            // One millisecond apart: the platform orders items by creation time, then by (random) id,
            // so distinct times keep the order of work the same from run to run.
            clock.advance(java.time.Duration.ofMillis(1));
            projects.attachCandidates(project.id(), candidates.values().stream().filter(c -> c.promptId().equals(t.promptId())).toList());
        }
        if (qc) {
            int from = config.prompts();
            addKnownAnswers(store, projects, clock, project.id(), ItemKind.QUALIFICATION,
                    shuffled.subList(from, from + config.qualificationItems()), config.seed());
            from += config.qualificationItems();
            addKnownAnswers(store, projects, clock, project.id(), ItemKind.GOLD, shuffled.subList(from, from + config.goldItems()), config.seed());
        }

        Map<String, AnnotatorProfile> profileOfUser = new LinkedHashMap<>();
        List<SimulatedPanel.Member> members = new ArrayList<>();
        for (AnnotatorProfile p : panel) {
            // Without routing the platform is told nothing about expertise, so it cannot prefer anyone.
            Map<String, ExpertiseLevel> claimed = policy == Policy.RANDOM ? Map.of() : p.toAnnotator().expertise();
            String userId = accounts.create(p.id(), p.id(), UserRole.ANNOTATOR, "unused-" + p.id(), claimed).id();
            profileOfUser.put(userId, p);
            members.add(new SimulatedPanel.Member(new SimulatedAnnotator(p, world.gold(), config.seed()), userId));
        }
        SimulatedPanel.Run run = new SimulatedPanel(world, tasks, project.id(), members, config.seed(), clock::advance).run(config.budget());

        // Per-account trust from the platform's own gold statistics (QC only); expertise enters per pair in score().
        Map<String, Double> weights = new LinkedHashMap<>();
        profileOfUser.keySet().forEach(u -> weights.put(u, 1.0));
        if (qc) {
            for (DashboardService.AnnotatorStats s : new DashboardService(store, clock).dashboard(project.id()).annotators()) {
                weights.put(s.annotatorId(), goldWeight(s, config.minGoldAccuracy()));
            }
        }
        List<PairwiseJudgment> labels = store.transaction(tx -> {
            List<PairwiseJudgment> out = new ArrayList<>();
            for (WorldTask t : real) {
                tx.judgments().byPrompt(t.promptId()).forEach(j -> { if (j instanceof PairwiseJudgment p) out.add(p); });
            }
            return out;
        });
        return score(policy, config.budget(), run.submitted(), world, candidates, labels, weights, profileOfUser);
    }

    /**
     * Vote weight from the platform's own gold statistics: log-odds of the smoothed gold accuracy
     * ((right + 1) / (answered + 2)), zero below the floor. An annotator without gold answers keeps 1.
     */
    static double goldWeight(DashboardService.AnnotatorStats s, double floor) {
        if (s.goldAnswered() == 0 || s.goldAccuracy() == null) return 1.0;
        double right = s.goldAccuracy() * s.goldAnswered();
        double smoothed = (right + 1) / (s.goldAnswered() + 2);
        return smoothed < floor ? 0.0 : Math.log(smoothed / (1 - smoothed));
    }

    /**
     * With routing the platform knows claimed expertise, and the aggregation trusts it too: an expert's
     * vote in their domain outweighs two generalists'. Without routing nothing is known, so all count 1.
     */
    static double expertiseWeight(ExpertiseLevel level) {
        return switch (level) {
            case EXPERT -> 3.0;
            case GENERALIST -> 1.0;
            case NOVICE -> 0.5;
        };
    }

    /** Known-answer pairs: the ideal response against a clearly bad one, so the right answer is beyond dispute. */
    private static void addKnownAnswers(Store store, ProjectService projects, SimClock clock, String projectId, ItemKind kind,
                                        List<WorldTask> known, long seed) {
        Random random = new Random(seed ^ kind.ordinal());
        Provenance provenance = Provenance.model("sim-known-answers", null, null);
        projects.addPrompts(projectId, known.stream().map(WorldTask::prompt).toList());
        for (WorldTask t : known) {
            ResponseStyle badStyle = t.mustRefuse() ? ResponseStyle.COMPLY
                    : TaskGenerator.pick(random, List.of(ResponseStyle.WRONG, ResponseStyle.WRONG_CONFIDENT, ResponseStyle.OVER_REFUSAL));
            Completion good = Completion.of(t.promptId(), t.ideal(), provenance);
            Completion bad = Completion.of(t.promptId(), Responses.render(t, badStyle, random), provenance);
            clock.advance(java.time.Duration.ofMillis(1));
            store.inTransaction(tx -> {
                tx.completions().save(good);
                tx.completions().save(bad);
            });
            projects.addKnownAnswerItem(projectId, kind, t.promptId(), TaskType.PAIRWISE, List.of(good.id(), bad.id()),
                    new JudgmentPayload.Pairwise(PairwiseChoice.A, 3, null, 0));
        }
    }

    private static Result score(Policy policy, int budget, int submitted, TaskWorld world, Map<String, Completion> candidates,
                                List<PairwiseJudgment> labels, Map<String, Double> weights, Map<String, AnnotatorProfile> profileOfUser) {
        // Votes per unordered pair, oriented to the pair's first id in sorted order: + means it is preferred.
        Map<List<String>, Double> votes = new LinkedHashMap<>();
        Map<AnnotatorProfile.Kind, int[]> byKind = new EnumMap<>(AnnotatorProfile.Kind.class);
        List<Annotation> annotations = new ArrayList<>();
        for (PairwiseJudgment j : labels) {
            List<String> key = j.completionA().compareTo(j.completionB()) < 0
                    ? List.of(j.completionA(), j.completionB()) : List.of(j.completionB(), j.completionA());
            double sign = switch (j.choice()) {
                case A -> j.completionA().equals(key.get(0)) ? 1 : -1;
                case B -> j.completionB().equals(key.get(0)) ? 1 : -1;
                case TIE, BOTH_BAD -> 0;
            };
            AnnotatorProfile who = profileOfUser.get(j.meta().annotatorId());
            Domain domain = world.task(j.promptId()).domain();
            double trust = policy == Policy.RANDOM ? 1.0 : expertiseWeight(who.levelIn(domain));
            votes.merge(key, sign * trust * weights.getOrDefault(j.meta().annotatorId(), 1.0), Double::sum);
            annotations.add(new Annotation(String.join(",", key), j.meta().annotatorId(),
                    sign > 0 ? DS_FIRST : sign < 0 ? DS_SECOND : DS_NEITHER));
            PairwiseChoice gold = goldOf(world, candidates, key);
            if (gold == PairwiseChoice.A || gold == PairwiseChoice.B) {
                int[] tally = byKind.computeIfAbsent(who.kind(), k -> new int[2]);
                tally[1]++;
                if (sign != 0 && (sign > 0) == (gold == PairwiseChoice.A)) tally[0]++;
            }
        }
        double right = 0;
        int evaluated = 0;
        for (var e : votes.entrySet()) {
            PairwiseChoice gold = goldOf(world, candidates, e.getKey());
            if (gold != PairwiseChoice.A && gold != PairwiseChoice.B) continue;
            evaluated++;
            double vote = e.getValue();
            if (vote == 0) right += 0.5;
            else if ((vote > 0) == (gold == PairwiseChoice.A)) right += 1;
        }
        Map<AnnotatorProfile.Kind, Double> individual = new EnumMap<>(AnnotatorProfile.Kind.class);
        byKind.forEach((k, t) -> individual.put(k, (double) t[0] / t[1]));
        DawidSkeneResult ds = annotations.isEmpty() ? null : DawidSkene.estimate(annotations, 3);
        double dsRight = 0;
        for (List<String> pair : votes.keySet()) {
            PairwiseChoice gold = goldOf(world, candidates, pair);
            if (ds == null || (gold != PairwiseChoice.A && gold != PairwiseChoice.B)) continue;
            int label = ds.mostLikelyLabel(String.join(",", pair));
            dsRight += label == DS_NEITHER ? 0.5 : (label == DS_FIRST) == (gold == PairwiseChoice.A) ? 1 : 0;
        }
        return new Result(policy, budget, submitted, labels.size(), evaluated, evaluated == 0 ? 0 : right / evaluated,
                evaluated == 0 ? 0 : dsRight / evaluated, individual, byName(weights, profileOfUser),
                ds == null ? Map.of() : byName(ds.reliability(), profileOfUser));
    }

    /** Re-keys a per-account map by the profile's name, which a reader recognises (account ids are random). */
    private static Map<String, Double> byName(Map<String, Double> byUser, Map<String, AnnotatorProfile> profileOfUser) {
        Map<String, Double> out = new LinkedHashMap<>();
        byUser.forEach((user, v) -> out.put(profileOfUser.get(user).id(), v));
        return out;
    }

    /** Dawid-Skene classes for a pair in sorted-id order: the first preferred, the second, or neither (tie / both bad). */
    private static final int DS_FIRST = 0, DS_SECOND = 1, DS_NEITHER = 2;

    private static PairwiseChoice goldOf(TaskWorld world, Map<String, Completion> candidates, List<String> pair) {
        Completion first = candidates.get(pair.get(0)), second = candidates.get(pair.get(1));
        return world.gold().prefer(world.task(first.promptId()), first.text(), second.text());
    }
}
