package io.rlhf4j.train.rl;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.model.io.ModelIO;
import io.rlhf4j.train.MetricsLog;
import io.rlhf4j.train.checkpoint.CheckpointStore;
import io.rlhf4j.train.data.PromptFile;
import io.rlhf4j.train.lineage.Lineage;
import io.rlhf4j.model.ScalarHeadModel;
import io.rlhf4j.train.reward.PreferenceExample;
import io.rlhf4j.train.reward.RewardEnsemble;
import io.rlhf4j.train.reward.RewardFunction;
import io.rlhf4j.train.reward.RewardModelScorer;
import io.rlhf4j.train.sft.TokenizedExample;
import io.rlhf4j.train.rl.grpo.GrpoConfig;
import io.rlhf4j.train.rl.grpo.GrpoTrainer;
import io.rlhf4j.train.rl.ppo.PpoConfig;
import io.rlhf4j.train.rl.ppo.PpoTrainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code train ppo|grpo} as a job over directories: a policy (HF layout), a reward model saved by
 * the reward trainer, a prompts file; writes the trained policy in HF layout to {@code out} with
 * its tokenizer files, {@value MetricsLog#RL_FILE}, {@value #RUN_FILE}, {@code lineage.json} and
 * {@code checkpoints/}. Re-running with the same {@code out} resumes from the latest checkpoint.
 *
 * <p>PPO's critic starts as a copy of the reward model (InstructGPT; the first member of an
 * ensemble). The reference is an explicit input ({@link #withReference}); without one it is the
 * reference recorded in the policy's own {@value #RUN_FILE} when the policy came out of an earlier
 * RL run (so every round stays anchored to SFT), else the policy as loaded. The run file records
 * which, the reward normalisation, and the checkpoint the run ended with and why. The lineage's
 * parent is the policy's own lineage, and it carries the reward model's judgments and annotators:
 * those are the human judgments that shaped the RL step.
 */
public final class RlJob {
    public static final String RUN_FILE = "rl_run.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Algorithm { PPO, GRPO, RLOO;
        public static Algorithm parse(String s) {
            try {
                    return valueOf(s.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown RL algorithm '" + s + "' (expected ppo, grpo or rloo)");
                }
            }
        }

        /** The policy directory and the result of training: where the model went and how the run ended. */
        public record Outcome(Path modelDir, RlResult result, int prompts) {}

        private final Algorithm algorithm;
        private final Path policyDir;
        private final Path rewardDir;
        private final Path promptsFile;
        private final Path out;
        private final RlRunConfig run;
        private final String template;
        private Path referenceDir;
        private Path validationPairs;
        private String validationFormat = "rlhf4j";
        private double ptxCoef;
        private Path ptxData;
        private String ptxFormat = "rlhf4j";

        /** With text prompts put in the chat template the vocabulary supports ("auto"), as {@code train reward} does. */
        public RlJob(Algorithm algorithm, Path policyDir, Path rewardDir, Path promptsFile, Path out, RlRunConfig run) {
            this(algorithm, policyDir, rewardDir, promptsFile, out, run, "auto");
        }

        /**
         * @param template how text prompts become token ids: a chat template (auto, chatml, role, plain;
         *                 use the one the reward model was trained with) whose end-of-turn ends responses,
         *                 or "none" for BOS + the raw text
         */
        public RlJob(Algorithm algorithm, Path policyDir, Path rewardDir, Path promptsFile, Path out, RlRunConfig run,
                     String template) {
            this.template = template;
            this.algorithm = algorithm;
            this.policyDir = policyDir;
            this.rewardDir = rewardDir;
            this.promptsFile = promptsFile;
            this.out = out;
            this.run = run;
        }

        /** The frozen reference (the SFT policy, HF layout); default: see the class comment. */
        public RlJob withReference(Path dir) {
            this.referenceDir = dir;
            return this;
        }

        /**
         * Validates the policy on held-out preference pairs ({@link PreferenceAgreementValidator}) every
         * {@code run.validateEvery()} steps; the run keeps and ends with the best-validated policy.
         */
        public RlJob withValidationPairs(Path file, String format) {
            this.validationPairs = file;
            this.validationFormat = format;
            return this;
        }

        /** PPO-ptx: the SFT loss on these demonstrations, weighted {@code coef}, mixed into every PPO minibatch. */
        public RlJob withPtx(double coef, Path demonstrations, String format) {
            this.ptxCoef = coef;
            this.ptxData = demonstrations;
            this.ptxFormat = format;
            return this;
        }

        /** The trainer config this job runs (presets of each algorithm with the run settings swapped in). */
        public RlTrainerConfig trainerConfig() {
            return trainerConfig(run);
        }

        private RlTrainerConfig trainerConfig(RlRunConfig run) {
            return switch (algorithm) {
                case PPO -> PpoConfig.builder().run(run).ptxCoef(ptxCoef).build();
                case GRPO -> GrpoConfig.grpo().toBuilder().run(run).build();
                case RLOO -> GrpoConfig.rloo().toBuilder().run(run).normalizeAdvantages(true).build();
            };
        }

        /** A reward function loaded from a folder: one reward model or an ensemble, and the model PPO's critic starts from. */
        private record LoadedReward(RewardFunction function, ScalarHeadModel criticInit, Runnable close) {}

        private static LoadedReward loadReward(Path dir, NDManager m) {
            if (RewardEnsemble.isEnsemble(dir)) {
                RewardEnsemble e = RewardEnsemble.load(dir, m);
                return new LoadedReward(e, e.scorers().get(0).model(), e::close);
            }
            RewardModelScorer s = RewardModelScorer.load(dir, m);
            return new LoadedReward(s, s.model(), s::close);
        }

        public Outcome run(List<RlListener> listeners) throws IOException {
            requireDir(policyDir, "policy");
            if (!RewardEnsemble.isEnsemble(rewardDir)) requireDir(rewardDir, "reward model");
            if (ptxCoef > 0 && algorithm != Algorithm.PPO) throw new IllegalArgumentException("PPO-ptx is for PPO only");
            if (ptxCoef > 0 && ptxData == null) throw new IllegalArgumentException("PPO-ptx needs demonstrations (ptx data)");
            RlJobInputs.Reference ref = RlJobInputs.reference(referenceDir, policyDir);
            requireDir(ref.dir(), "reference");
            PromptFile.Prompts read = PromptFile.read(promptsFile, policyDir, template);
            List<PreferenceExample> validation = validationPairs == null ? null
                    : RlJobInputs.preferencePairs(validationPairs, validationFormat, policyDir, template);
            List<TokenizedExample> demos = ptxCoef > 0 ? RlJobInputs.demonstrations(ptxData, ptxFormat, policyDir, template) : List.of();
            List<int[]> prompts = read.ids();
            Files.createDirectories(out);
            Set<Integer> stops = new HashSet<>(run.rollout().stopIds());
            stops.addAll(read.stopIds());
            RlTrainerConfig config = trainerConfig(run.toBuilder().rollout(run.rollout().toBuilder().stopIds(stops).build()).build());
            RlResult result;
            String validatorDescription = null;
            try (NDManager m = NDManager.newBaseManager();
                 CausalLm policy = ModelIO.load(policyDir, m);
                 CausalLm reference = ModelIO.load(ref.dir(), m);
                 MetricsLog log = new MetricsLog(out.resolve(MetricsLog.RL_FILE))) {
                LoadedReward reward = loadReward(rewardDir, m);
            try {
                int vocab = policy.config().vocabSize(), rmVocab = reward.criticInit().trunk().config().vocabSize();
                if (vocab != rmVocab) {
                    throw new IllegalArgumentException("the reward model " + rewardDir + " has a vocabulary of " + rmVocab
                            + " tokens, the policy " + policyDir + " of " + vocab + ": they must share a tokenizer");
                }
                if (reference.config().vocabSize() != vocab) {
                    throw new IllegalArgumentException("the reference " + ref.dir() + " has a vocabulary of " + reference.config().vocabSize()
                            + " tokens, the policy " + policyDir + " of " + vocab + ": the reference must be the policy's SFT model");
                }
                for (int i = 0; i < prompts.size(); i++) {
                    for (int id : prompts.get(i)) {
                        if (id < 0 || id >= vocab) {
                            throw new IllegalArgumentException(promptsFile + ": prompt " + (i + 1) + " has token id " + id
                                    + ", outside the policy's vocabulary [0, " + vocab + ")");
                        }
                    }
                }
                List<RlListener> all = new ArrayList<>(listeners);
                all.add(0, log);
                CheckpointStore checkpoints = new CheckpointStore(out.resolve("checkpoints"), run.keepCheckpoints());
                int pad = 0; // only ever under a zero attention mask (or a zero loss weight): any id in the vocabulary will do
                PolicyValidator validator = validation == null ? null
                        : new PreferenceAgreementValidator(reference, validation, policy.config().maxPositions(), pad);
                validatorDescription = validator == null ? null : validator.description();
                result = switch (config) {
                    case PpoConfig ppo -> {
                        try (PpoTrainer t = new PpoTrainer(ppo, policy, reference, reward.function(), reward.criticInit(), pad)) {
                            all.forEach(t::addListener);
                            yield t.withValidator(validator).withPtxDemonstrations(demos).train(prompts, checkpoints);
                        }
                    }
                    case GrpoConfig grpo -> {
                        GrpoTrainer t = new GrpoTrainer(grpo, policy, reference, reward.function(), pad);
                        all.forEach(t::addListener);
                        yield t.withValidator(validator).train(prompts, checkpoints);
                    }
                    default -> throw new IllegalStateException("no trainer for " + config.getClass().getSimpleName());
                };
                ModelIO.save(policy, out);
            } finally {
                reward.close().run();
            }
        }
        copyTokenizer();
        lineage(config, prompts.size()).finishedNow().write(out);
        writeRunRecord(config, result, prompts.size(), ref, validatorDescription, demos.size());
        return new Outcome(out, result, prompts.size());
    }

    private Lineage lineage(RlTrainerConfig config, int promptCount) {
        Lineage l = Lineage.start(algorithm.name().toLowerCase(Locale.ROOT), config, run.seed())
                .withBaseModel(policyDir)
                .withDataset(Lineage.DatasetRef.of(promptsFile, promptCount));
        if (Lineage.find(rewardDir).isPresent()) {
            Lineage rm = Lineage.read(rewardDir);
            List<String> annotators = rm.chain().stream()
                    .flatMap(x -> x.annotators().ids() == null ? java.util.stream.Stream.<String>empty() : x.annotators().ids().stream())
                    .distinct().toList();
            l = l.withJudgments(Lineage.judgmentsThatShaped(rewardDir), annotators)
                    .withGuidelineVersions(rm.guidelineVersions());
        }
        return l;
    }

    private void copyTokenizer() throws IOException {
        if (policyDir.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) return;
        for (String name : List.of("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.json",
                "merges.txt", "generation_config.json")) {
            Path f = policyDir.resolve(name);
            if (Files.isRegularFile(f)) Files.copy(f, out.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** What {@value #RUN_FILE} holds: what was trained on what, and how the run ended. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RunRecord(String trainer, String policy, String reference, String referenceSource, String rewardModel,
                            String prompts, int promptCount, RlTrainerConfig config, long steps, long resumedFromStep,
                            boolean stoppedByHealthCheck, int rollbacks, List<String> warnings, RlStepMetrics lastStep,
                            RewardNormalizer rewardNormalization, String validation,
                            CheckpointSelector.Choice selectedCheckpoint, Integer ptxDemonstrations) {}

    private void writeRunRecord(RlTrainerConfig config, RlResult result, int promptCount, RlJobInputs.Reference ref,
                                String validator, int demonstrations) throws IOException {
        RunRecord record = new RunRecord(algorithm.name().toLowerCase(Locale.ROOT), policyDir.toAbsolutePath().toString(),
                ref.dir().toAbsolutePath().normalize().toString(), ref.source(),
                rewardDir.toAbsolutePath().toString(), promptsFile.toAbsolutePath().toString(), promptCount, config,
                result.steps(), result.resumedFromStep(), result.stoppedByHealthCheck(), result.rollbacks(),
                result.warnings().stream().map(Object::toString).toList(), result.last(), result.rewardNormalizer(),
                validator, result.selection(), demonstrations > 0 ? demonstrations : null);
        JSON.writerWithDefaultPrettyPrinter().writeValue(out.resolve(RUN_FILE).toFile(), record);
    }

    private static void requireDir(Path dir, String what) {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException(what + " " + dir + ": not a directory");
        if (!Files.isRegularFile(dir.resolve("config.json"))) {
            throw new IllegalArgumentException(what + " " + dir + ": no config.json (expected a Hugging Face model directory)");
        }
    }
}
