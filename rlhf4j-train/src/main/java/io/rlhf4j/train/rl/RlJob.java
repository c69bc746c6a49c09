package io.rlhf4j.train.rl;

import io.rlhf4j.train.MetricsLog;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rlhf4j.core.data.Conversation;
import io.rlhf4j.core.data.Role;
import io.rlhf4j.core.data.Turn;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.model.chat.ChatTemplate;
import io.rlhf4j.model.io.ModelIO;
import io.rlhf4j.model.tokenizer.Tokenizer;
import io.rlhf4j.model.tokenizer.Tokenizers;
import io.rlhf4j.train.checkpoint.CheckpointStore;
import io.rlhf4j.train.lineage.Lineage;
import io.rlhf4j.train.reward.RewardModelScorer;
import io.rlhf4j.train.rl.grpo.GrpoConfig;
import io.rlhf4j.train.rl.grpo.GrpoTrainer;
import io.rlhf4j.train.rl.ppo.PpoConfig;
import io.rlhf4j.train.rl.ppo.PpoTrainer;
import io.rlhf4j.train.rl.health.HealthConfig;
import io.rlhf4j.train.rl.rollout.RolloutConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Locale;

/**
 * {@code train ppo|grpo} as a job over directories: a policy (HF layout), a reward model saved by
 * the reward trainer, a prompts file; writes the trained policy in HF layout to {@code out} with
 * its tokenizer files, {@value MetricsLog#RL_FILE}, {@value #RUN_FILE}, {@code lineage.json} and
 * {@code checkpoints/}. Re-running with the same {@code out} resumes from the latest checkpoint.
 *
 * <p>PPO's critic starts as a copy of the reward model (InstructGPT); the reference is the policy
 * as loaded. The lineage's parent is the policy's own lineage, and it carries the reward model's
 * judgments and annotators: those are the human judgments that shaped the RL step.
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

    /**
     * The CLI's defaults: 16 prompts x 1 sample per step, 64 new tokens at temperature 1, missing-EOS
     * penalty 1, AdamW lr 1e-5 (for pretrained models), 2 epochs of minibatches of 8, fixed β 0.2
     * (TRL's initial value; a reward model's scores spread wider than a 0-1 reward, and with β 0.2 PPO
     * over-optimised the synthetic reward model to KL 3.6 for +0.04 ground truth where β 1 gave +0.14
     * at KL 0.8), checkpoint every 10 steps.
     */
    public static RlRunConfig defaultRun(long steps, long seed) {
        return new RlRunConfig(steps, seed, new RolloutConfig(16, 1, 64, 1.0, 1.0), OptimConfig.of(1e-5, 2, 8),
                KlConfig.fixed(0.2), 10, 2, 0, HealthConfig.defaults());
    }

    /** The trainer config this job runs (presets of each algorithm with the run settings swapped in). */
    public Object trainerConfig() {
        return trainerConfig(run);
    }

    private Object trainerConfig(RlRunConfig run) {
        return switch (algorithm) {
            case PPO -> PpoConfig.defaults(run.steps()).withRun(run);
            case GRPO -> GrpoConfig.grpo(run.steps()).withRun(run);
            case RLOO -> GrpoConfig.rloo(run.steps()).withRun(run).withNormalizeAdvantages(true);
        };
    }

    public Outcome run(List<RlListener> listeners) throws IOException {
        requireDir(policyDir, "--policy");
        requireDir(rewardDir, "--reward");
        Prompts read = readPrompts(promptsFile, policyDir, template);
        List<int[]> prompts = read.ids();
        Files.createDirectories(out);
        Set<Integer> stops = new HashSet<>(run.rollout().stopIds());
        stops.addAll(read.stopIds());
        Object config = trainerConfig(run.withRollout(run.rollout().withStopIds(stops)));
        RlResult result;
        try (NDManager m = NDManager.newBaseManager();
             CausalLm policy = ModelIO.load(policyDir, m);
             RewardModelScorer reward = RewardModelScorer.load(rewardDir, m);
             MetricsLog log = new MetricsLog(out.resolve(MetricsLog.RL_FILE))) {
            int vocab = policy.config().vocabSize(), rmVocab = reward.model().trunk().config().vocabSize();
            if (vocab != rmVocab) {
                throw new IllegalArgumentException("the reward model " + rewardDir + " has a vocabulary of " + rmVocab
                        + " tokens, the policy " + policyDir + " of " + vocab + ": they must share a tokenizer");
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
            int pad = 0; // only ever under a zero attention mask: any id in the vocabulary will do
            if (config instanceof PpoConfig ppo) {
                try (PpoTrainer t = new PpoTrainer(ppo, policy, reward, reward.model(), pad)) {
                    all.forEach(t::addListener);
                    result = t.train(prompts, checkpoints);
                }
            } else {
                try (GrpoTrainer t = new GrpoTrainer((GrpoConfig) config, policy, reward, pad)) {
                    all.forEach(t::addListener);
                    result = t.train(prompts, checkpoints);
                }
            }
            ModelIO.save(policy, out);
        }
        copyTokenizer();
        lineage(config, prompts.size()).finishedNow().write(out);
        writeRunRecord(config, result, prompts.size());
        return new Outcome(out, result, prompts.size());
    }

    private Lineage lineage(Object config, int promptCount) {
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

    private void writeRunRecord(Object config, RlResult result, int promptCount) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("trainer", algorithm.name().toLowerCase(Locale.ROOT));
        node.put("policy", policyDir.toAbsolutePath().toString());
        node.put("reward_model", rewardDir.toAbsolutePath().toString());
        node.put("prompts", promptsFile.toAbsolutePath().toString());
        node.put("prompt_count", promptCount);
        node.set("config", JSON.valueToTree(config));
        node.put("steps", result.steps());
        node.put("resumed_from_step", result.resumedFromStep());
        node.put("stopped_by_health_check", result.stoppedByHealthCheck());
        node.put("rollbacks", result.rollbacks());
        node.set("warnings", JSON.valueToTree(result.warnings().stream().map(Object::toString).toList()));
        if (result.last() != null) node.set("last_step", JSON.valueToTree(result.last()));
        JSON.writerWithDefaultPrettyPrinter().writeValue(out.resolve(RUN_FILE).toFile(), node);
    }

    private static void requireDir(Path dir, String option) {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException(option + " " + dir + ": not a directory");
        if (!Files.isRegularFile(dir.resolve("config.json"))) {
            throw new IllegalArgumentException(option + " " + dir + ": no config.json (expected a Hugging Face model directory)");
        }
    }

    /** Token ids of the prompts, and the ids that end a response under their chat template (empty without one). */
    public record Prompts(List<int[]> ids, Set<Integer> stopIds) {}

    /**
     * Prompts, one per line: JSONL objects with {@code "prompt"} (text, or a conversation as a list of
     * {@code {"role", "content"}} messages) or {@code "prompt_ids"} (token ids, used as given); any
     * other file is plain text, one prompt per non-blank line. Text goes through the policy's
     * tokenizer and {@code template} (see the constructor). Errors name the file, line and field.
     */
    public static Prompts readPrompts(Path file, Path policyDir, String template) throws IOException {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("--prompts " + file + ": no such file");
        boolean jsonl = file.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.jsonl?$");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Tokenizer tok = null;
        ChatTemplate chat = null;
        boolean raw = template.equalsIgnoreCase("none");
        List<int[]> out = new ArrayList<>();
        try {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) continue;
            String where = file + ":" + (i + 1);
            Conversation conversation;
            if (jsonl) {
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalArgumentException(where + ": not valid JSON (" + e.getOriginalMessage() + ")");
                }
                if (node.has("prompt_ids")) {
                    JsonNode ids = node.get("prompt_ids");
                    if (!ids.isArray() || ids.isEmpty()) throw new IllegalArgumentException(where + ": \"prompt_ids\" must be a non-empty array of token ids");
                    int[] p = new int[ids.size()];
                    for (int j = 0; j < p.length; j++) {
                        if (!ids.get(j).canConvertToInt()) throw new IllegalArgumentException(where + ": \"prompt_ids\"[" + j + "] is not an integer");
                        p[j] = ids.get(j).asInt();
                    }
                    out.add(p);
                    continue;
                }
                JsonNode prompt = node.get("prompt");
                if (prompt != null && prompt.isTextual()) {
                    conversation = Conversation.ofUser(prompt.asText());
                } else if (prompt != null && prompt.isArray() && !prompt.isEmpty()) {
                    List<Turn> turns = new ArrayList<>();
                    for (int j = 0; j < prompt.size(); j++) {
                        JsonNode msg = prompt.get(j);
                        if (!msg.path("role").isTextual() || !msg.path("content").isTextual()) {
                            throw new IllegalArgumentException(where + ": \"prompt\"[" + j + "] needs \"role\" and \"content\" strings");
                        }
                        try {
                            turns.add(new Turn(Role.parse(msg.get("role").asText()), msg.get("content").asText()));
                        } catch (IllegalArgumentException e) {
                            throw new IllegalArgumentException(where + ": \"prompt\"[" + j + "].role: " + e.getMessage());
                        }
                    }
                    conversation = new Conversation(turns);
                } else {
                    throw new IllegalArgumentException(where + ": expected a \"prompt\" (string or list of messages) or a \"prompt_ids\" array");
                }
            } else {
                conversation = Conversation.ofUser(line.strip());
            }
            if (tok == null) tok = openTokenizer(policyDir, where);
            int[] ids;
            if (raw) {
                if (conversation.turns().size() != 1) {
                    throw new IllegalArgumentException(where + ": a conversation needs a chat template, not --template none");
                }
                ids = tok.encodeWithBos(conversation.turns().get(0).content());
            } else {
                if (chat == null) chat = ChatTemplate.byName(template, tok);
                ids = chat.encodePrompt(conversation);
            }
            if (ids.length == 0) throw new IllegalArgumentException(where + ": the prompt encodes to no tokens");
            out.add(ids);
        }
        } finally {
            if (tok instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException("cannot close the tokenizer of " + policyDir, e);
                }
            }
        }
        if (out.isEmpty()) throw new IllegalArgumentException("--prompts " + file + ": no prompts");
        return new Prompts(out, chat == null ? Set.of() : chat.stopIds());
    }

    private static Tokenizer openTokenizer(Path policyDir, String where) {
        try {
            return Tokenizers.open(policyDir);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(where + ": a text prompt needs the policy's tokenizer, but " + policyDir
                    + " has none that loads (" + e.getMessage() + "); give \"prompt_ids\" instead");
        }
    }
}
