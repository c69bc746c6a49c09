package io.rlhf4j.demo;

import ai.djl.ndarray.NDManager;
import io.rlhf4j.core.data.Completion;
import io.rlhf4j.core.data.Provenance;
import io.rlhf4j.core.data.SamplingSettings;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.model.ScalarHeadModel;
import io.rlhf4j.model.io.Llama2cCheckpoint;
import io.rlhf4j.model.tokenizer.Llama2cTokenizer;
import io.rlhf4j.sim.stories.StoryPanel;
import io.rlhf4j.sim.stories.StoryPrompt;
import io.rlhf4j.sim.stories.StoryScore;
import io.rlhf4j.sim.stories.StoryWorld;
import io.rlhf4j.store.Store;
import io.rlhf4j.train.dpo.DpoConfig;
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

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code ./rlhf4j demo --world stories}: the RLHF loop on a real pretrained model, as TRL's classic
 * GPT-2 sentiment example does it. The pretrained stories260K Llama continues story openings (BOS +
 * opening, no chat template, no SFT: the pretrained model already writes stories); K continuations
 * per opening go to the simulated panel through the platform; a reward model (the same backbone with
 * a new scalar head) learns from the labels; PPO with a KL penalty to the pretrained model optimises
 * against it, DPO and best-of-n beside it. Every policy is judged against the pretrained one by the
 * story gold judge on held-out openings, which is never a training signal.
 */
public final class StoriesPipeline {
    static final String MODEL_DIR = "models/stories260K";

    private final StoriesConfig config;
    private final Path out;
    private final Path modelDir;
    private final Stages stages;
    private final PrintStream console;

    /** @param modelDir the folder with stories260K.bin and tok512.bin; see {@link #findModel()} */
    public StoriesPipeline(StoriesConfig config, Path out, Path modelDir, PrintStream console) {
        this.config = config;
        this.out = out;
        this.modelDir = modelDir;
        this.console = console;
        this.stages = new Stages(console);
    }

    /** How one policy did on the held-out openings: gold total and components, win rate against the pretrained policy. */
    public record StoryPolicyReport(String name, double goldReward, WinRate winRateVsPretrained, double kl, double rewardModelScore,
                                    double happyEnding, double keepsToCast, double gentleness, double length, double variety, double meanWords,
                                    double endedRate, List<String> responses, double[] goldScores) {}

    /** The reward model on held-out openings: accuracy on the panel's labels and on pairs gold decides. */
    public record RewardReport(int trainPairs, int heldOutPairs, double heldOutAccuracy, double heldOutLoss, double goldAccuracy,
                               int goldPairs, double offset) {}

    public record Result(StoriesConfig config, Map<String, Integer> splits, int modelParameters, int vocabSize,
                         PanelRound.Result panel, RewardReport rewardModel, List<RlCurve> ppoCurve, List<Double> dpoLoss,
                         Map<String, StoryPolicyReport> policies, List<String> evalOpenings, Map<String, Double> stageSeconds,
                         double wallSeconds) {}

    /**
     * The stories260K folder: {@code $RLHF4J_SHARED/models/stories260K}, else {@code shared/models/stories260K} in the
     * working directory or the nearest folder above it that has one (the repository's {@code ../shared}).
     */
    public static Path findModel() {
        String env = System.getenv("RLHF4J_SHARED");
        if (env != null && !env.isBlank()) return Path.of(env).resolve(MODEL_DIR);
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve(MODEL_DIR);
            if (Files.isRegularFile(candidate.resolve("stories260K.bin"))) return candidate;
        }
        throw new IllegalStateException("stories260K not found: no shared/" + MODEL_DIR + "/stories260K.bin in " + Path.of("").toAbsolutePath()
                + " or any folder above it (set RLHF4J_SHARED to the shared folder)");
    }

    public Result run() throws Exception {
        long t0 = System.nanoTime();
        Files.createDirectories(out);
        for (String f : List.of("stories260K.bin", "tok512.bin")) {
            if (!Files.isRegularFile(modelDir.resolve(f))) throw new IllegalStateException("missing " + modelDir.resolve(f));
        }

        // 1. Openings and their splits: known-answer items (qualification, gold), candidate openings, evaluation.
        StoryWorld world;
        List<StoryPrompt> knownAnswers, candidateOpenings, evalOpenings;
        try (Stages.Stage s = stages.start("story world", 1)) {
            world = StoryWorld.generate(config.seed(), config.worldSize());
            List<StoryPrompt> shuffled = new ArrayList<>(world.prompts());
            Collections.shuffle(shuffled, new Random(config.seed()));
            int at = 0;
            knownAnswers = shuffled.subList(at, at += config.qualificationItems() + config.goldItems());
            candidateOpenings = shuffled.subList(at, at += config.candidatePrompts());
            evalOpenings = shuffled.subList(shuffled.size() - config.evalPrompts(), shuffled.size());
            s.step();
        }

        try (NDManager manager = NDManager.newBaseManager()) {
            // 2. The pretrained model and its tokenizer; a prompt is BOS + opening.
            CausalLm pretrained;
            Llama2cTokenizer tokenizer;
            try (Stages.Stage s = stages.start("load stories260K", 1)) {
                pretrained = Llama2cCheckpoint.load(modelDir.resolve("stories260K.bin"), manager);
                tokenizer = Llama2cTokenizer.load(modelDir.resolve("tok512.bin"), pretrained.config().vocabSize());
                DemoPipeline.freeze(pretrained.parameters());
                s.step();
            }
            int parameters = (int) pretrained.parameters().values().stream().mapToLong(a -> a.size()).sum();
            Map<String, int[]> promptIds = new LinkedHashMap<>();
            for (StoryPrompt p : world.prompts()) promptIds.put(p.promptId(), tokenizer.encodeWithBos(p.opening()));
            int padId = tokenizer.batchPadId();
            List<int[]> evalPrompts = evalOpenings.stream().map(p -> promptIds.get(p.promptId())).toList();
            List<int[]> rlPrompts = candidateOpenings.stream().map(p -> promptIds.get(p.promptId())).toList();

            // 3. K continuations per opening from the pretrained policy; 4. the panel labels them through the platform.
            List<PanelRound.Candidate> candidates = candidates(pretrained, tokenizer, candidateOpenings, promptIds);
            Map<String, PanelRound.Candidate> byId = new LinkedHashMap<>();
            candidates.forEach(c -> byId.put(c.completion().id(), c));
            PanelRound.Result labels;
            String dbUrl = "jdbc:h2:file:" + out.toAbsolutePath().resolve("store").resolve("stories") + ";DB_CLOSE_DELAY=0";
            deleteStore();
            try (Store store = Store.open(dbUrl); Stages.Stage s = stages.start("panel labels", config.labelBudget())) {
                labels = new StoriesPanelRound(store, world, StoryPanel.standard(), config, knownAnswers).collect(candidates, s::stepTo);
            }
            List<PreferenceExample> pairs = DemoPipeline.preferences(labels, byId);

            // 5. Reward model: the pretrained backbone with a new scalar head, on the labels of most openings.
            ScalarHeadModel rewardModel = ScalarHeadModel.withNewHead(pretrained.copy(manager), config.seed() + 1);
            RewardTrainer rmTrainer = new RewardTrainer(rewardConfig(padId), rewardModel);
            RewardReport rm = trainRewardModel(rmTrainer, pairs, byId, world, candidates);
            DemoPipeline.freeze(rewardModel.parameters());
            RewardModelScorer scorer = rmTrainer.scorer();

            Map<String, StoryPolicyReport> policies = new LinkedHashMap<>();
            StoryPolicyReport base = evaluate("pretrained", pretrained, pretrained, scorer, tokenizer, world, evalOpenings, evalPrompts, null);
            policies.put("pretrained", base);

            // 6. PPO from the pretrained policy, KL-penalised towards it.
            List<RlCurve> curve = new ArrayList<>();
            CausalLm policy = pretrained.copy(manager);
            ppo(policy, pretrained, scorer, rewardModel, tokenizer, world, rlPrompts, evalOpenings, evalPrompts, curve);
            DemoPipeline.freeze(policy.parameters());
            if (!DemoPipeline.finite(policy)) throw new IllegalStateException("PPO diverged: the policy's weights are not finite");
            policies.put("ppo", evaluate("ppo", policy, pretrained, scorer, tokenizer, world, evalOpenings, evalPrompts, base));
            policy.close();

            // 7. DPO on the same labels from the pretrained model; best-of-n against the reward model.
            List<Double> dpoLoss = new ArrayList<>();
            try (CausalLm dpoPolicy = pretrained.copy(manager); CausalLm reference = pretrained.copy(manager)) {
                dpo(dpoPolicy, reference, pairs, dpoLoss);
                policies.put("dpo", evaluate("dpo", dpoPolicy, pretrained, scorer, tokenizer, world, evalOpenings, evalPrompts, base));
            }
            policies.put("best_of_n", bestOfN(pretrained, scorer, tokenizer, world, evalOpenings, evalPrompts, base));
            scorer.close();
            rewardModel.close();

            Map<String, Integer> splits = new LinkedHashMap<>();
            splits.put("known_answer_items", knownAnswers.size());
            splits.put("candidate_prompts", candidateOpenings.size());
            splits.put("candidates", candidates.size());
            splits.put("eval_prompts", evalOpenings.size());
            return new Result(config, splits, parameters, tokenizer.vocabSize(), labels, rm, curve, dpoLoss, policies,
                    evalOpenings.stream().map(StoryPrompt::opening).toList(), stages.seconds(), (System.nanoTime() - t0) / 1e9);
        }
    }

    private void deleteStore() throws java.io.IOException {
        Path dir = out.resolve("store");
        if (!Files.isDirectory(dir)) return;
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) if (f.getFileName().toString().startsWith("stories")) Files.delete(f);
        }
    }

    /** K continuations per opening at temperature 1; duplicates collapse, openings left with one distinct text drop out. */
    private List<PanelRound.Candidate> candidates(CausalLm policy, Llama2cTokenizer tokenizer, List<StoryPrompt> openings,
                                                  Map<String, int[]> promptIds) {
        Provenance provenance = Provenance.model("stories260K", null, new SamplingSettings(1.0, null, null, config.maxNewTokens(), config.seed()));
        List<PanelRound.Candidate> result = new ArrayList<>();
        int batch = 32, k = config.candidatesPerPrompt();
        try (Stages.Stage s = stages.start("sample K=" + k, openings.size())) {
            for (int from = 0; from < openings.size(); from += batch) {
                List<StoryPrompt> chunk = openings.subList(from, Math.min(openings.size(), from + batch));
                List<int[]> prompts = chunk.stream().map(p -> promptIds.get(p.promptId())).toList();
                RolloutConfig rc = new RolloutConfig(prompts.size(), k, config.maxNewTokens(), 1.0, 0);
                Rollout r = new RolloutSampler(policy, null, zeroReward(), rc, tokenizer.batchPadId()).sample(prompts, config.seed() * 1000 + from);
                for (int g = 0; g < chunk.size(); g++) {
                    StoryPrompt p = chunk.get(g);
                    Map<String, PanelRound.Candidate> distinct = new LinkedHashMap<>();
                    for (int i = 0; i < k; i++) {
                        int[] response = r.responses().get(g * k + i);
                        String text = tokenizer.decode(response);
                        if (text.isBlank() || distinct.containsKey(text)) continue;
                        distinct.put(text, new PanelRound.Candidate(Completion.of(p.promptId(), text, provenance), promptIds.get(p.promptId()),
                                response));
                    }
                    if (distinct.size() >= 2) result.addAll(distinct.values());
                }
                s.stepTo(from + chunk.size());
            }
        }
        return result;
    }

    private static RewardFunction zeroReward() {
        return (prompts, responses) -> new double[prompts.size()];
    }

    private RewardConfig rewardConfig(int padId) {
        return RewardConfig.builder().maxLength(config.context()).padId(padId).perDeviceTrainBatchSize(config.rmBatch())
                .learningRate(config.rmLr()).maxSteps(config.rmSteps()).seed(config.seed()).earlyStoppingPatience(0)
                .tieWeight(1.0).bothBadWeight(0.0).bothBadThreshold(0.0).build();
    }

    /** Held out by opening: accuracy on the held-out panel labels, and on every held-out candidate pair gold decides. */
    private RewardReport trainRewardModel(RewardTrainer trainer, List<PreferenceExample> pairs, Map<String, PanelRound.Candidate> byId,
                                          StoryWorld world, List<PanelRound.Candidate> candidates) {
        RewardModelStage.Split split = RewardModelStage.splitByPrompt(pairs, config.seed(), config.rmHeldOut());
        RewardModelStage.train(stages, trainer, split, config.rmSteps());
        RewardEvaluation eval = trainer.lastEvaluation();
        RewardModelStage.GoldAccuracy gold = RewardModelStage.goldAccuracy(trainer, config.context(), candidates, split.heldOutPrompt(),
                (a, b) -> world.gold().prefersA(world.prompt(a.completion().promptId()), a.completion().text(), b.completion().text()));
        // The pretrained policy's samples average 0 after this, so PPO's reward scale and β mean the same across runs.
        double offset = trainer.normalize(candidates.stream().map(PanelRound.Candidate::prompt).toList(),
                candidates.stream().map(PanelRound.Candidate::response).toList());
        return new RewardReport(split.train().size(), split.heldOut().size(), eval == null ? Double.NaN : eval.accuracy(),
                eval == null ? Double.NaN : eval.loss(), gold.accuracy(), gold.decided(), offset);
    }

    private void ppo(CausalLm policy, CausalLm pretrained, RewardFunction reward, ScalarHeadModel rewardModel, Llama2cTokenizer tokenizer,
                     StoryWorld world, List<int[]> prompts, List<StoryPrompt> evalOpenings, List<int[]> evalPrompts, List<RlCurve> curve) {
        PpoConfig ppoConfig = PolicyStages.ppoConfig(config.ppoSteps(), config.ppoPromptsPerStep(), config.maxNewTokens(),
                config.ppoEpochs(), config.ppoLr(), config.klBeta(), config.seed() + 1);
        int probe = Math.min(64, evalPrompts.size());
        long[] probes = {0};
        PolicyStages.ppo(stages, "ppo", ppoConfig, policy, pretrained, reward, rewardModel, tokenizer.batchPadId(), prompts,
                PolicyValidator.of("gold reward on " + probe + " evaluation openings", p -> meanGold(p, tokenizer, world,
                        evalOpenings.subList(0, probe), evalPrompts.subList(0, probe),
                        config.seed() + probes[0]++ * ppoConfig.run().validateEvery())), 1, curve);
    }

    private double meanGold(CausalLm policy, Llama2cTokenizer tokenizer, StoryWorld world, List<StoryPrompt> openings, List<int[]> prompts,
                            long seed) {
        RolloutConfig rc = new RolloutConfig(prompts.size(), 1, config.maxNewTokens(), 1.0, 0);
        Rollout r = new RolloutSampler(policy, null, zeroReward(), rc, tokenizer.batchPadId()).sample(prompts, seed);
        double sum = 0;
        for (int i = 0; i < openings.size(); i++) sum += world.score(openings.get(i).promptId(), tokenizer.decode(r.responses().get(i))).total();
        return sum / openings.size();
    }

    private void dpo(CausalLm policy, CausalLm reference, List<PreferenceExample> pairs, List<Double> losses) {
        DpoConfig dpoConfig = DpoConfig.builder().beta(config.dpoBeta()).maxLength(config.context())
                .learningRate(config.dpoLr()).maxSteps(config.dpoSteps()).perDeviceTrainBatchSize(config.rmBatch()).seed(config.seed())
                .build();
        PolicyStages.dpo(stages, dpoConfig, config.dpoSteps(), policy, reference, pairs, losses);
    }

    private StoryPolicyReport bestOfN(CausalLm pretrained, RewardFunction scorer, Llama2cTokenizer tokenizer, StoryWorld world,
                                      List<StoryPrompt> openings, List<int[]> prompts, StoryPolicyReport baseline) {
        PolicyStages.BestOfNChoice bon = PolicyStages.bestOfN(stages, pretrained, scorer, config.bestOfN(), config.maxNewTokens(),
                tokenizer.batchPadId(), config.seed(), prompts);
        return report("best_of_n", tokenizer, world, openings, bon.responses(), bon.kl(), bon.meanScore(), baseline);
    }

    private StoryPolicyReport evaluate(String name, CausalLm policy, CausalLm pretrained, RewardModelScorer scorer, Llama2cTokenizer tokenizer,
                                       StoryWorld world, List<StoryPrompt> openings, List<int[]> prompts, StoryPolicyReport baseline) {
        try (Stages.Stage s = stages.start("evaluate " + name, 1)) {
            RolloutConfig rc = new RolloutConfig(prompts.size(), 1, config.maxNewTokens(), 1.0, 0);
            Rollout r = new RolloutSampler(policy, policy == pretrained ? null : pretrained, scorer, rc, tokenizer.batchPadId())
                    .sample(prompts, config.seed() + 4242);
            s.step();
            return report(name, tokenizer, world, openings, r.responses(), policy == pretrained ? 0 : r.meanKl(), r.meanRawScore(), baseline);
        }
    }

    private StoryPolicyReport report(String name, Llama2cTokenizer tokenizer, StoryWorld world, List<StoryPrompt> openings,
                                     List<int[]> responses, double kl, double rm, StoryPolicyReport baseline) {
        List<String> texts = new ArrayList<>();
        double[] gold = new double[openings.size()];
        double happy = 0, cast = 0, gentle = 0, length = 0, variety = 0, words = 0, ended = 0;
        for (int i = 0; i < openings.size(); i++) {
            int[] y = responses.get(i);
            String text = tokenizer.decode(y);
            texts.add(text);
            StoryScore g = world.score(openings.get(i).promptId(), text);
            gold[i] = g.total();
            happy += g.happyEnding();
            cast += g.keepsToCast();
            gentle += g.gentleness();
            length += g.length();
            variety += g.variety();
            words += text.isBlank() ? 0 : text.strip().split("\\s+").length;
            if (y.length > 0 && y[y.length - 1] == tokenizer.eosId()) ended++;
        }
        int n = openings.size();
        WinRate win = WinRate.of(gold, baseline == null ? gold : baseline.goldScores(), config.seed());
        return new StoryPolicyReport(name, Arrays.stream(gold).average().orElse(0), win, kl, rm, happy / n, cast / n, gentle / n, length / n,
                variety / n, words / n, ended / n, texts, gold);
    }
}
