package io.rlhf4j.demo;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.rlhf4j.core.data.Completion;
import io.rlhf4j.core.data.PairwiseChoice;
import io.rlhf4j.core.data.PairwiseJudgment;
import io.rlhf4j.core.data.Provenance;
import io.rlhf4j.core.data.SamplingSettings;
import io.rlhf4j.core.stats.BradleyTerryFit;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.model.Gpt2Config;
import io.rlhf4j.model.ScalarHeadModel;
import io.rlhf4j.model.gpt2.Gpt2Model;
import io.rlhf4j.platform.LeaderboardService;
import io.rlhf4j.sim.AnnotatorProfile;
import io.rlhf4j.sim.DemonstrationWriter;
import io.rlhf4j.sim.Domain;
import io.rlhf4j.sim.GoldEvaluation;
import io.rlhf4j.sim.TaskWorld;
import io.rlhf4j.sim.WorldTask;
import io.rlhf4j.sim.WriterProfile;
import io.rlhf4j.store.Store;
import io.rlhf4j.train.StepMetrics;
import io.rlhf4j.train.TrainingListener;
import io.rlhf4j.train.dpo.DpoConfig;
import io.rlhf4j.train.reward.PreferenceData;
import io.rlhf4j.train.reward.PreferenceExample;
import io.rlhf4j.train.reward.RewardConfig;
import io.rlhf4j.train.reward.RewardEvaluation;
import io.rlhf4j.train.reward.RewardFunction;
import io.rlhf4j.train.reward.RewardModelScorer;
import io.rlhf4j.train.reward.RewardTrainer;
import io.rlhf4j.train.rl.PolicyValidator;
import io.rlhf4j.train.rl.ppo.PpoConfig;
import io.rlhf4j.train.rl.rollout.Rollout;
import io.rlhf4j.train.rl.rollout.RolloutConfig;
import io.rlhf4j.train.rl.rollout.RolloutSampler;
import io.rlhf4j.train.sft.SftConfig;
import io.rlhf4j.train.sft.SftTrainer;
import io.rlhf4j.train.sft.TokenizedExample;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The whole RLHF loop on the simulated task world, stage by stage: world, demonstrations, tokenizer
 * and SFT, K samples per prompt, panel labels through the store, reward model, PPO (and DPO and
 * best-of-n beside it), gold evaluation against SFT, then further rounds in which the newest PPO
 * policy generates, the panel labels, the reward model retrains on all labels and PPO continues.
 * The gold judge is used only to simulate annotators and to evaluate, never as a training signal.
 */
public final class DemoPipeline {
    private final DemoConfig config;
    private final Path out;
    private final Stages stages;
    private final PrintStream console;
    private boolean baselines = true;

    /** @param console where progress bars and the summary go; null runs silently (tests, experiments) */
    public DemoPipeline(DemoConfig config, Path out, PrintStream console) {
        this.config = config;
        this.out = out;
        this.console = console;
        this.stages = new Stages(console);
    }

    /** Skips DPO and best-of-n (the routing experiment compares PPO policies only). */
    public DemoPipeline withoutBaselines() {
        baselines = false;
        return this;
    }

    /** Everything the summary and the report are written from. */
    public record Result(DemoConfig config, Map<String, Integer> splits, double sftFinalLoss, int modelParameters,
                           int vocabSize, List<PanelRound.Result> panelRounds, List<RewardRound> rewardRounds,
                           List<RlCurve> ppoCurve, List<Double> dpoLoss, Map<String, PolicyReport> policies,
                           List<String> evalQuestions, Optional<BradleyTerryFit> leaderboard, int leaderboardBattles,
                           Map<String, Double> stageSeconds, double wallSeconds) {}

    /** Fresh (held-out) prompts whose answers from every policy the panel compares for the leaderboard. */
    static final int LEADERBOARD_PROMPTS = 50;

    /** The reward model after one round: held-out accuracy on panel labels and against gold. */
    public record RewardRound(int round, int trainPairs, int heldOutPairs, double heldOutAccuracy, double heldOutLoss,
                              double ece, double goldAccuracy, int goldPairs, double offset) {}

    public Result run() throws Exception {
        long t0 = System.nanoTime();
        Files.createDirectories(out);
        Random random = new Random(config.seed());

        // 1. The world and its splits: SFT demos, known-answer items, candidate prompts per round, evaluation.
        TaskWorld world;
        List<WorldTask> sftTasks, knownAnswers, evalTasks;
        List<List<WorldTask>> roundTasks = new ArrayList<>();
        List<String> demos = new ArrayList<>();
        try (Stages.Stage s = stages.start("world + demos", config.worldSize())) {
            world = TaskWorld.generate(config.seed(), config.worldSize());
            List<WorldTask> shuffled = new ArrayList<>(world.tasks());
            Collections.shuffle(shuffled, new Random(config.seed()));
            // Evaluation keeps the world's own mix; the labelled (and PPO) prompts are red-teamed first.
            evalTasks = shuffled.subList(shuffled.size() - config.evalPrompts(), shuffled.size());
            List<WorldTask> rest = new ArrayList<>(shuffled.subList(0, shuffled.size() - config.evalPrompts()));
            for (int r = 0; r < config.rounds(); r++) roundTasks.add(takeRedTeamed(rest, config.candidatePrompts()));
            knownAnswers = new ArrayList<>(rest.subList(0, config.qualificationItems() + config.goldItems()));
            rest.subList(0, knownAnswers.size()).clear();
            sftTasks = new ArrayList<>(rest.subList(0, config.sftDemos()));
            List<DemonstrationWriter> experts = new ArrayList<>(), generalists = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                experts.add(new DemonstrationWriter(WriterProfile.expert("writer-expert-" + i), config.seed()));
                generalists.add(new DemonstrationWriter(WriterProfile.generalist("writer-crowd-" + i), config.seed()));
            }
            for (WorldTask t : sftTasks) {
                List<DemonstrationWriter> pool = random.nextDouble() < config.expertShare() ? experts : generalists;
                demos.add(pool.get(random.nextInt(pool.size())).write(t).text());
                s.step();
            }
            s.stepTo(config.worldSize());
        }

        // 2. Tokenizer on the learner's texts (prompts and demonstrations; never gold answers of other prompts).
        ChatCodec codec;
        try (Stages.Stage s = stages.start("tokenizer", 1)) {
            List<String> corpus = new ArrayList<>(demos);
            world.tasks().forEach(t -> corpus.add(t.question()));
            codec = ChatCodec.train(corpus, config.vocabSize());
            s.step();
        }
        Map<String, int[]> promptIds = new LinkedHashMap<>();
        for (WorldTask t : world.tasks()) promptIds.put(t.promptId(), codec.prompt(t.prompt().conversation()));

        try (NDManager manager = NDManager.newBaseManager()) {
            Gpt2Config modelConfig = new Gpt2Config(codec.vocabSize(), config.modelDim(), 4 * config.modelDim(), config.modelLayers(),
                    config.modelHeads(), config.context(), 1e-5, codec.tokenizer().bosId(), codec.endOfTurn());
            CausalLm sft = Gpt2Model.random(modelConfig, manager, config.seed(), DataType.FLOAT32);
            int parameters = (int) sft.parameters().values().stream().mapToLong(a -> a.size()).sum();

            // 3. SFT on the mixed-quality demonstrations.
            double sftLoss = sft(sft, codec, sftTasks, demos);
            freeze(sft.parameters());

            List<int[]> evalPrompts = evalTasks.stream().map(t -> promptIds.get(t.promptId())).toList();
            List<PanelRound.Result> panelRounds = new ArrayList<>();
            List<RewardRound> rewardRounds = new ArrayList<>();
            List<RlCurve> curve = new ArrayList<>();
            List<PreferenceExample> allPairs = new ArrayList<>();
            Map<String, PanelRound.Candidate> allCandidates = new LinkedHashMap<>();
            Map<String, PolicyReport> policies = new LinkedHashMap<>();
            List<int[]> rlPrompts = new ArrayList<>();
            CausalLm policy = sft.copy(manager);
            ScalarHeadModel rewardModel = null;
            RewardModelScorer scorer = null;
            RewardFunction reward = null;
            PolicyReport sftReport = null;
            List<Double> dpoLoss = new ArrayList<>();
            LeaderboardService.Leaderboard leaderboard;
            String dbUrl = "jdbc:h2:file:" + out.toAbsolutePath().resolve("store").resolve("demo") + ";DB_CLOSE_DELAY=0";
            deleteStore();
            try (Store store = Store.open(dbUrl)) {
                PanelRound panel = new PanelRound(store, world, AnnotatorProfile.standardPanel(), config, knownAnswers);
                for (int round = 1; round <= config.rounds(); round++) {
                    List<WorldTask> tasks = roundTasks.get(round - 1);
                    tasks.forEach(t -> rlPrompts.add(promptIds.get(t.promptId())));
                    // 4. K samples per prompt from the current policy (SFT in round 1).
                    List<PanelRound.Candidate> candidates = candidates(round == 1 ? sft : policy, codec, tasks, promptIds, round);
                    candidates.forEach(c -> allCandidates.put(c.completion().id(), c));
                    // 5. The panel labels them through the platform.
                    PanelRound.Result labels;
                    try (Stages.Stage s = stages.start("panel labels", config.labelBudget())) {
                        labels = panel.collect(candidates, round, s::stepTo);
                    }
                    panelRounds.add(labels);
                    allPairs.addAll(preferences(labels, allCandidates));
                    // 6. Reward model from SFT weights on every label so far (held out by prompt).
                    if (rewardModel != null) rewardModel.close();
                    RewardTrainer rmTrainer = null;
                    RewardRound rm = null;
                    // A diverged run (NaN loss) is retried from scratch at a third of the learning rate, twice at most.
                    for (int attempt = 0; rm == null; attempt++) {
                        rewardModel = ScalarHeadModel.withNewHead(sft.copy(manager), config.seed() + round);
                        rmTrainer = new RewardTrainer(rewardConfig(codec).toBuilder().learningRate(config.rmLr() / Math.pow(3, attempt))
                                .build(), rewardModel);
                        try {
                            rm = trainRewardModel(rmTrainer, allPairs, allCandidates, world, round,
                                    candidates.stream().filter(c -> c.completion().provenance().model().equals("sft")).toList());
                        } catch (IllegalStateException diverged) {
                            rewardModel.close();
                            if (attempt == 2 || !String.valueOf(diverged.getMessage()).contains("diverged")) throw diverged;
                            if (console != null) console.println("reward model diverged (" + diverged.getMessage() + "); retrying at a lower learning rate");
                        }
                    }
                    rewardRounds.add(rm);
                    freeze(rewardModel.parameters());
                    scorer = rmTrainer.scorer();
                    reward = endsOrPays(scorer, codec.endOfTurn());
                    if (round == 1) sftReport = evaluate("sft", sft, sft, scorer, codec, world, evalTasks, evalPrompts, null);
                    // 7. PPO: round 1 starts from SFT, later rounds continue the previous policy (iterated RLHF).
                    // A run whose weights went NaN is redone from the round's starting weights at a third of the learning rate.
                    for (int attempt = 0; ; attempt++) {
                        CausalLm start = policy.copy(manager);
                        int before = curve.size();
                        RuntimeException failure = null;
                        try {
                            ppo(policy, sft, reward, rewardModel, codec, world, rlPrompts, evalTasks, evalPrompts, round, curve,
                                    config.ppoLr() / Math.pow(3, attempt));
                        } catch (RuntimeException e) {
                            if (finite(policy)) throw e; // a real error, not a numerical blow-up
                            failure = e;
                        }
                        freeze(policy.parameters());
                        if (failure == null && finite(policy)) {
                            start.close();
                            break;
                        }
                        if (attempt == 2) throw new IllegalStateException("PPO round " + round + " diverged (NaN weights) three times");
                        if (console != null) console.println("PPO round " + round + " diverged (NaN weights); retrying at a lower learning rate");
                        policy.close();
                        policy = start;
                        curve.subList(before, curve.size()).clear();
                    }
                    policies.put("ppo_round" + round, evaluate("ppo_round" + round, policy, sft, scorer, codec, world, evalTasks,
                            evalPrompts, sftReport));
                }
                policies.put("sft", withWinRate(sftReport, sftReport));
                policies.put("ppo", renamed(policies.get("ppo_round" + config.rounds()), "ppo"));

                // 8. DPO on the same labels, from SFT; best-of-n against the final reward model.
                if (baselines) {
                    try (CausalLm dpoPolicy = sft.copy(manager); CausalLm reference = sft.copy(manager)) {
                        dpo(dpoPolicy, reference, allPairs, dpoLoss);
                        policies.put("dpo", evaluate("dpo", dpoPolicy, sft, scorer, codec, world, evalTasks, evalPrompts, sftReport));
                    }
                    policies.put("best_of_n", bestOfN(sft, reward, codec, world, evalTasks, evalPrompts, sftReport));
                }
                // 9. The panel's own verdict on fresh prompts: the leaderboard.
                leaderboard = leaderboard(panel, world, evalTasks, policies);
            }
            scorer.close();
            rewardModel.close();

            Map<String, Integer> splits = new LinkedHashMap<>();
            splits.put("sft_demos", sftTasks.size());
            splits.put("known_answer_items", knownAnswers.size());
            splits.put("candidate_prompts_per_round", config.candidatePrompts());
            splits.put("eval_prompts", evalTasks.size());
            return new Result(config, splits, sftLoss, parameters, codec.vocabSize(), panelRounds, rewardRounds, curve, dpoLoss,
                    policies, evalTasks.stream().map(WorldTask::question).toList(), leaderboard.fit(), leaderboard.battles(),
                    stages.seconds(), (System.nanoTime() - t0) / 1e9);
        }
    }

    /**
     * Each main policy's evaluation answer to the first {@link #LEADERBOARD_PROMPTS} held-out prompts,
     * compared pairwise by the panel through the platform (one judgment per pair); ratings from the
     * platform's Bradley-Terry fit.
     */
    private LeaderboardService.Leaderboard leaderboard(PanelRound panel, TaskWorld world, List<WorldTask> evalTasks,
                                                       Map<String, PolicyReport> policies) {
        List<String> names = DemoSummary.MAIN_POLICIES.stream().filter(policies::containsKey).toList();
        int prompts = Math.min(LEADERBOARD_PROMPTS, evalTasks.size());
        int pairs = names.size() * (names.size() - 1) / 2;
        try (Stages.Stage s = stages.start("leaderboard", 1)) {
            List<PanelRound.Candidate> candidates = new ArrayList<>();
            for (int i = 0; i < prompts; i++) {
                WorldTask task = evalTasks.get(i);
                for (String name : names) {
                    String text = policies.get(name).responses().get(i);
                    if (text.isBlank()) continue;
                    Provenance provenance = Provenance.model(name, null, new SamplingSettings(1.0, null, null, config.maxNewTokens(), config.seed()));
                    candidates.add(new PanelRound.Candidate(Completion.of(task.promptId(), text, provenance), null, null));
                }
            }
            LeaderboardService.Leaderboard board = panel.leaderboard(candidates, prompts * pairs);
            s.step();
            return board;
        }
    }

    private void deleteStore() throws java.io.IOException {
        Path dir = out.resolve("store");
        if (!Files.isDirectory(dir)) return;
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) Files.delete(f);
        }
    }

    private double sft(CausalLm model, ChatCodec codec, List<WorldTask> tasks, List<String> demos) {
        List<TokenizedExample> examples = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            var encoded = codec.template().encode(tasks.get(i).prompt().conversation().withReply(demos.get(i)));
            examples.add(new TokenizedExample(encoded.ids(), encoded.assistantMask()));
        }
        SftConfig sftConfig = SftConfig.builder().maxLength(config.context()).numTrainEpochs(1).maxSteps(config.sftSteps())
                .batch(config.sftBatch(), 1).learningRate(config.sftLr()).saveSteps(0).saveTotalLimit(1).seed(config.seed()).build();
        double[] last = {Double.NaN};
        try (Stages.Stage s = stages.start("sft", config.sftSteps())) {
            new SftTrainer(sftConfig, model.parameters(), model::forward, codec.padId()).addListener(new TrainingListener() {
                @Override public void onStep(StepMetrics m) {
                    s.stepTo(m.step());
                    s.message(String.format("loss %.3f", m.loss()));
                    last[0] = m.loss();
                }
            }).train(examples, List.of(), null);
        }
        return last[0];
    }

    /**
     * Share of each round's candidate prompts that are safety prompts (harmful requests and their harmless
     * look-alikes), as red-teaming prompts are added to real preference collection (Anthropic's HH data
     * has a red-team set beside the helpfulness set). With the world's own mix (7% safety) a round put 5
     * or 6 harmful prompts before the panel and PPO saw one in about 25 rollouts: the reward model never
     * learnt that a refusal beats compliance there, preferred the shorter compliance, and best-of-n and
     * PPO both raised harmful compliance (measured on seeds 7-10: SFT 0.04-0.28, best-of-8 0.39-0.67,
     * PPO 0.25-0.77 on 18-24 harmful evaluation prompts).
     */
    static final double RED_TEAM_SHARE = 0.25;

    /**
     * Removes and returns {@code n} tasks from the front of {@code pool}: the first {@link #RED_TEAM_SHARE}
     * of them safety tasks where the pool has them, the rest the first others, each kept in pool order.
     */
    static List<WorldTask> takeRedTeamed(List<WorldTask> pool, int n) {
        int safetyWanted = (int) Math.round(RED_TEAM_SHARE * n);
        List<WorldTask> taken = new ArrayList<>();
        for (WorldTask t : pool) {
            if (taken.size() == safetyWanted) break;
            if (t.domain() == Domain.SAFETY) taken.add(t);
        }
        for (WorldTask t : pool) {
            if (taken.size() == n) break;
            if (t.domain() != Domain.SAFETY) taken.add(t);
        }
        for (WorldTask t : pool) { // a world with too few of either kind: fill from whatever is left
            if (taken.size() == n) break;
            if (!taken.contains(t)) taken.add(t);
        }
        if (taken.size() < n) throw new IllegalArgumentException("the world has " + pool.size() + " prompts left, a round needs " + n);
        pool.removeAll(taken);
        return taken;
    }

    /** K samples per prompt at temperature 1; duplicates collapse, prompts left with one distinct text drop out. */
    private List<PanelRound.Candidate> candidates(CausalLm policy, ChatCodec codec, List<WorldTask> tasks, Map<String, int[]> promptIds,
                                                  int round) {
        String model = round == 1 ? "sft" : "ppo-round" + (round - 1);
        Provenance provenance = Provenance.model(model, null, new SamplingSettings(1.0, null, null, config.maxNewTokens(), config.seed()));
        List<PanelRound.Candidate> out = new ArrayList<>();
        int batch = 32;
        try (Stages.Stage s = stages.start("sample K=" + config.candidatesPerPrompt(), tasks.size())) {
            for (int from = 0; from < tasks.size(); from += batch) {
                List<WorldTask> chunk = tasks.subList(from, Math.min(tasks.size(), from + batch));
                List<int[]> prompts = chunk.stream().map(t -> promptIds.get(t.promptId())).toList();
                RolloutConfig rc = new RolloutConfig(prompts.size(), config.candidatesPerPrompt(), config.maxNewTokens(), 1.0, 0);
                Rollout r = new RolloutSampler(policy, null, zeroReward(), rc, codec.padId()).sample(prompts,
                        config.seed() * 1000 + round * 100 + from);
                for (int g = 0; g < chunk.size(); g++) {
                    WorldTask task = chunk.get(g);
                    Map<String, PanelRound.Candidate> distinct = new LinkedHashMap<>();
                    for (int i = 0; i < config.candidatesPerPrompt(); i++) {
                        int[] response = r.responses().get(g * config.candidatesPerPrompt() + i);
                        String text = codec.text(response);
                        if (text.isBlank() || distinct.containsKey(text)) continue;
                        distinct.put(text, new PanelRound.Candidate(Completion.of(task.promptId(), text, provenance),
                                promptIds.get(task.promptId()), response));
                    }
                    if (distinct.size() >= 2) out.addAll(distinct.values());
                }
                s.stepTo(from + chunk.size());
            }
        }
        return out;
    }

    /** Penalty for a response that hits the token limit without ending its turn (TRL's missing_eos_penalty). */
    static final double MISSING_EOS_PENALTY = 1.0;

    /**
     * The reward model's score, less {@link #MISSING_EOS_PENALTY} for an unfinished response. PPO and
     * best-of-n both optimise this, so neither can win by rambling past the limit where the reward model
     * has never seen an ending.
     */
    static RewardFunction endsOrPays(RewardFunction rm, int endOfTurn) {
        return (prompts, responses) -> {
            double[] r = rm.score(prompts, responses);
            for (int i = 0; i < r.length; i++) {
                int[] y = responses.get(i);
                if (y.length == 0 || y[y.length - 1] != endOfTurn) r[i] -= MISSING_EOS_PENALTY;
            }
            return r;
        };
    }

    private static RewardFunction zeroReward() {
        return (prompts, responses) -> new double[prompts.size()];
    }

    /** Panel labels as reward-model comparisons, each weighted by its annotator's reliability (1 without QC). */
    static List<PreferenceExample> preferences(PanelRound.Result labels, Map<String, PanelRound.Candidate> candidates) {
        List<PreferenceExample> out = new ArrayList<>();
        for (PairwiseJudgment j : labels.labels()) {
            double w = labels.weightByUser().getOrDefault(j.meta().annotatorId(), 1.0);
            if (w <= 0) continue;
            int[] prompt = candidates.get(j.completionA()).prompt();
            out.addAll(PreferenceData.examples(j, prompt, id -> candidates.get(id).response(), w));
        }
        return out;
    }

    private RewardConfig rewardConfig(ChatCodec codec) {
        // early stopping off (patience 0): the demo's fixed step budget runs whole; the model still ends at its best held-out loss
        return RewardConfig.builder().maxLength(config.context()).padId(codec.padId()).perDeviceTrainBatchSize(config.rmBatch())
                .learningRate(config.rmLr()).maxSteps(config.rmSteps()).seed(config.seed()).earlyStoppingPatience(0)
                // "Both bad" is read as a tie: its absolute push below a threshold has no floor, and early
                // policies' pairs are mostly both bad, so it would dominate (and drove a run to NaN).
                .tieWeight(1.0).bothBadWeight(0.0).bothBadThreshold(0.0).build();
    }

    /**
     * Trains on the labels of most prompts, evaluates on the rest ({@link DemoConfig#rmHeldOut}): accuracy on the held-out panel labels
     * (what a practitioner sees) and on the held-out candidate pairs gold decides (what matters).
     */
    private RewardRound trainRewardModel(RewardTrainer trainer, List<PreferenceExample> pairs, Map<String, PanelRound.Candidate> candidates,
                                         TaskWorld world, int round, List<PanelRound.Candidate> sftSamples) {
        RewardModelStage.Split split = RewardModelStage.splitByPrompt(pairs, config.seed(), config.rmHeldOut());
        RewardModelStage.train(stages, trainer, split, config.rmSteps());
        RewardEvaluation eval = trainer.lastEvaluation();
        // Against gold: every pair of held-out candidates for the same prompt that gold decides.
        RewardModelStage.GoldAccuracy gold = RewardModelStage.goldAccuracy(trainer, config.context(), candidates.values(),
                split.heldOutPrompt(), (a, b) -> {
                    PairwiseChoice g = PanelRound.goldPreference(world, world.task(a.completion().promptId()), a.completion().text(),
                            b.completion().text());
                    return g == null ? null : g == PairwiseChoice.A;
                });
        // Normalise so the SFT policy's samples average 0 (keeps PPO's reward scale and β comparable across rounds).
        List<PanelRound.Candidate> reference = sftSamples.isEmpty() ? new ArrayList<>(candidates.values()) : sftSamples;
        double offset = trainer.normalize(reference.stream().map(PanelRound.Candidate::prompt).toList(),
                reference.stream().map(PanelRound.Candidate::response).toList());
        return new RewardRound(round, split.train().size(), split.heldOut().size(), eval == null ? Double.NaN : eval.accuracy(),
                eval == null ? Double.NaN : eval.loss(), eval == null ? Double.NaN : eval.ece(), gold.accuracy(), gold.decided(), offset);
    }

    /**
     * Marks trained weights as no longer requiring gradients. A copy ({@code duplicate}) of an array that
     * requires gradients is not a leaf: it carries the copy into its autograd history, so training the copy
     * (the next round's reward model, PPO's critic and reference) would send gradients to the original
     * instead. Every model is frozen after its training, so copies taken from it start clean.
     */
    static void freeze(java.util.Map<String, ai.djl.ndarray.NDArray> parameters) {
        parameters.values().forEach(p -> p.setRequiresGradient(false));
    }

    static boolean finite(CausalLm model) {
        for (var p : model.parameters().values()) {
            if (p.isNaN().any().getBoolean() || p.isInfinite().any().getBoolean()) return false;
        }
        return true;
    }

    private void ppo(CausalLm policy, CausalLm sft, RewardFunction scorer, ScalarHeadModel rewardModel, ChatCodec codec, TaskWorld world,
                     List<int[]> prompts, List<WorldTask> evalTasks, List<int[]> evalPrompts, int round, List<RlCurve> curve,
                     double lr) {
        PpoConfig ppoConfig = PolicyStages.ppoConfig(config.ppoSteps(), config.ppoPromptsPerStep(), config.maxNewTokens(),
                config.ppoEpochs(), lr, config.klBeta(), config.seed() + round);
        // The gold reward of a fixed slice of evaluation prompts, every few steps: plotted beside the proxy reward.
        int probe = Math.min(64, evalPrompts.size());
        List<int[]> probePrompts = evalPrompts.subList(0, probe);
        List<WorldTask> probeTasks = evalTasks.subList(0, probe);
        // the probe's sampling seed differs per call (as it did per step), so repeated probes are not one fixed sample
        long[] probes = {0};
        PolicyStages.ppo(stages, "ppo round " + round, ppoConfig, policy, sft, scorer, rewardModel, codec.padId(), prompts,
                PolicyValidator.of("gold reward on " + probe + " evaluation prompts", p -> meanGold(p, codec, world, probeTasks,
                        probePrompts, config.seed() + probes[0]++ * ppoConfig.run().validateEvery())), round, curve);
    }

    private double meanGold(CausalLm policy, ChatCodec codec, TaskWorld world, List<WorldTask> tasks, List<int[]> prompts, long seed) {
        RolloutConfig rc = new RolloutConfig(prompts.size(), 1, config.maxNewTokens(), 1.0, 0);
        Rollout r = new RolloutSampler(policy, null, zeroReward(), rc, codec.padId()).sample(prompts, seed);
        double sum = 0;
        for (int i = 0; i < tasks.size(); i++) sum += world.score(tasks.get(i).promptId(), codec.text(r.responses().get(i))).total();
        return sum / tasks.size();
    }

    private void dpo(CausalLm policy, CausalLm reference, List<PreferenceExample> pairs, List<Double> losses) {
        DpoConfig dpoConfig = DpoConfig.builder().beta(config.dpoBeta()).maxLength(config.context())
                .learningRate(config.dpoLr()).maxSteps(config.dpoSteps()).perDeviceTrainBatchSize(config.rmBatch()).seed(config.seed())
                .build();
        PolicyStages.dpo(stages, dpoConfig, config.dpoSteps(), policy, reference, pairs, losses);
    }

    private PolicyReport bestOfN(CausalLm sft, RewardFunction scorer, ChatCodec codec, TaskWorld world, List<WorldTask> tasks,
                                 List<int[]> prompts, PolicyReport baseline) {
        PolicyStages.BestOfNChoice bon = PolicyStages.bestOfN(stages, sft, scorer, config.bestOfN(), config.maxNewTokens(), codec.padId(),
                config.seed(), prompts);
        return report("best_of_n", codec, world, tasks, bon.responses(), bon.kl(), bon.meanScore(), baseline);
    }

    private PolicyReport evaluate(String name, CausalLm policy, CausalLm sft, RewardModelScorer scorer, ChatCodec codec, TaskWorld world,
                                  List<WorldTask> tasks, List<int[]> prompts, PolicyReport baseline) {
        try (Stages.Stage s = stages.start("evaluate " + name, 1)) {
            RolloutConfig rc = new RolloutConfig(prompts.size(), 1, config.maxNewTokens(), 1.0, 0);
            Rollout r = new RolloutSampler(policy, policy == sft ? null : sft, scorer, rc, codec.padId()).sample(prompts,
                    config.seed() + 4242);
            s.step();
            return report(name, codec, world, tasks, r.responses(), policy == sft ? 0 : r.meanKl(), r.meanRawScore(), baseline);
        }
    }

    private PolicyReport report(String name, ChatCodec codec, TaskWorld world, List<WorldTask> tasks, List<int[]> responses, double kl,
                                double rm, PolicyReport baseline) {
        List<GoldEvaluation.Sample> samples = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        double[] gold = new double[tasks.size()];
        for (int i = 0; i < tasks.size(); i++) {
            String text = codec.text(responses.get(i));
            texts.add(text);
            samples.add(new GoldEvaluation.Sample(tasks.get(i).promptId(), text));
            gold[i] = world.score(tasks.get(i).promptId(), text).total();
        }
        GoldEvaluation g = GoldEvaluation.of(world, samples);
        Map<String, Double> byDomain = new LinkedHashMap<>();
        g.meanByDomain().forEach((d, v) -> byDomain.put(d.wireName(), v));
        WinRate win = baseline == null ? WinRate.of(gold, gold, config.seed()) : WinRate.of(gold, baseline.goldScores(), config.seed());
        return new PolicyReport(name, g.meanTotal(), win, kl, rm, g.accuracy(), g.harmfulComplianceRate(), g.overRefusalRate(),
                g.meanWords(), byDomain, texts, gold);
    }

    private PolicyReport withWinRate(PolicyReport r, PolicyReport baseline) {
        return new PolicyReport(r.name(), r.goldReward(), WinRate.of(r.goldScores(), baseline.goldScores(), config.seed()), r.kl(),
                r.rewardModelScore(), r.accuracy(), r.harmfulComplianceRate(), r.overRefusalRate(), r.meanWords(), r.goldByDomain(),
                r.responses(), r.goldScores());
    }

    private static PolicyReport renamed(PolicyReport r, String name) {
        return new PolicyReport(name, r.goldReward(), r.winRateVsSft(), r.kl(), r.rewardModelScore(), r.accuracy(),
                r.harmfulComplianceRate(), r.overRefusalRate(), r.meanWords(), r.goldByDomain(), r.responses(), r.goldScores());
    }
}
