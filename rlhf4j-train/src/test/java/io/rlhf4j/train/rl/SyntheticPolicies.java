package io.rlhf4j.train.rl;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.model.generate.GenerationResult;
import io.rlhf4j.model.generate.Generator;
import io.rlhf4j.model.generate.SamplingConfig;
import io.rlhf4j.model.io.ModelIO;
import io.rlhf4j.model.llama.LlamaModel;
import io.rlhf4j.model.ScalarHeadModel;
import io.rlhf4j.train.reward.PreferenceExample;
import io.rlhf4j.train.reward.RewardConfig;
import io.rlhf4j.train.reward.RewardFunction;
import io.rlhf4j.train.reward.RewardTrainer;
import io.rlhf4j.train.rl.rollout.Rollout;
import io.rlhf4j.train.rl.rollout.RolloutConfig;
import io.rlhf4j.train.rl.rollout.RolloutSampler;
import io.rlhf4j.train.sft.SftConfig;
import io.rlhf4j.train.sft.SftTrainer;
import io.rlhf4j.train.sft.TokenizedExample;
import io.rlhf4j.train.synthetic.SyntheticTask;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The "SFT" start of the RL tests: a tiny Llama trained briefly on responses of length 2-10 to
 * synthetic prompts whose tokens lean towards the prompt's theme (on theme three times in four
 * instead of one in three), so it emits EOS, has the theme feature and still leaves RL room to sharpen
 * it (ground-truth reward about 0.6 of a possible 1). Trained once per JVM and saved; each test
 * loads its own copy.
 */
public final class SyntheticPolicies {
    public static final int MAX_NEW_TOKENS = 12;
    public static final RewardFunction TRUE_REWARD = (prompts, responses) -> {
        double[] out = new double[prompts.size()];
        for (int i = 0; i < out.length; i++) out[i] = SyntheticTask.trueReward(prompts.get(i), responses.get(i));
        return out;
    };
    private static Path sftDir;
    private static Path rewardDir;
    /** Held-out pairwise accuracy of the fixture reward model (NaN until trained). */
    private static double rewardAccuracy = Double.NaN;
    /** Extra chance of an on-theme token in the SFT data (uniform content is on theme 1 time in 3). */
    static final double ON_THEME_BIAS = 0.6;

    static int onTheme(SplittableRandom rng, int theme) {
        int t;
        do t = rng.nextInt(SyntheticTask.FIRST_CONTENT, SyntheticTask.VOCAB_SIZE); while (t % 3 != theme);
        return t;
    }

    static {
        // tiny models decode as streams of small ops: one intra-op thread is faster on a shared box
        System.setProperty("ai.djl.pytorch.num_threads", "1");
    }

    private SyntheticPolicies() {}

    /** The saved SFT policy's directory (HF layout), for child JVMs and the CLI. */
    public static synchronized Path sftPolicyDir() {
        if (sftDir == null) sftDir = trainSft();
        return sftDir;
    }

    public static synchronized CausalLm sftPolicy(NDManager manager) {
        if (sftDir == null) sftDir = trainSft();
        return ModelIO.load(sftDir, manager);
    }

    /**
     * A reward model learned from 1,500 noiseless synthetic preference pairs (responses leaning on
     * theme by a random amount each), initialised from the SFT
     * policy as in InstructGPT (100 steps; short of the reward tests' 95% held-out accuracy: a proxy
     * with errors, as a real one), normalised to mean 0 on the SFT policy's samples, saved in HF layout. Trained once per
     * JVM; the directory is what {@code RewardModelScorer.load} and {@code --reward} read.
     */
    public static synchronized Path rewardModelDir() {
        if (rewardDir == null) rewardDir = trainRewardModel();
        return rewardDir;
    }

    public static synchronized double rewardModelAccuracy() {
        rewardModelDir();
        return rewardAccuracy;
    }

    private static Path trainRewardModel() {
        // responses with a per-response on-theme rate drawn uniformly, so theme (not only length) decides many pairs
        List<PreferenceExample> pairs = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(21);
        List<int[]> prompts = SyntheticTask.prompts(1800, 22);
        for (int i = 0; i < prompts.size(); i++) {
            int[] prompt = prompts.get(i), a, b;
            do {
                a = leaningResponse(rng, prompt);
                b = leaningResponse(rng, prompt);
            } while (SyntheticTask.trueReward(prompt, a) == SyntheticTask.trueReward(prompt, b));
            boolean aWins = SyntheticTask.trueReward(prompt, a) > SyntheticTask.trueReward(prompt, b);
            pairs.add(PreferenceExample.preferred("p-" + i, prompt, aWins ? a : b, aWins ? b : a, "pair-" + i));
        }
        // initialised from the SFT policy, as in InstructGPT: it starts with the theme feature
        try (NDManager m = NDManager.newBaseManager();
             ScalarHeadModel model = ScalarHeadModel.withNewHead(sftPolicy(m), 17)) {
            RewardTrainer trainer = new RewardTrainer(RewardConfig.builder().maxSteps(100).perDeviceTrainBatchSize(32)
                    .learningRate(3e-3).maxLength(32).saveSteps(0).earlyStoppingPatience(0).build(), model);
            trainer.train(pairs.subList(0, 1500), pairs.subList(1500, 1800), null);
            rewardAccuracy = trainer.lastEvaluation().accuracy();
            try (NDManager p = NDManager.newBaseManager()) {
                CausalLm sft = sftPolicy(p);
                trainer.normalize(sft, SyntheticTask.prompts(128, 5), SamplingConfig.sampling(MAX_NEW_TOKENS, 1.0, 5));
            }
            Path dir = Files.createTempDirectory("rl-reward-model");
            dir.toFile().deleteOnExit();
            trainer.save(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int[] leaningResponse(SplittableRandom rng, int[] prompt) {
        int[] r = SyntheticTask.randomResponse(rng, 2, 10);
        double rate = rng.nextDouble();
        for (int j = 0; j < r.length - 1; j++) if (rng.nextDouble() < rate) r[j] = onTheme(rng, SyntheticTask.theme(prompt));
        return r;
    }

    private static Path trainSft() {
        try (NDManager m = NDManager.newBaseManager()) {
            LlamaModel model = LlamaModel.random(SyntheticTask.policyConfig(), m, 7, DataType.FLOAT32);
            SplittableRandom rng = new SplittableRandom(11);
            List<TokenizedExample> data = new ArrayList<>();
            for (int[] prompt : SyntheticTask.prompts(512, 3)) {
                int[] response = SyntheticTask.randomResponse(rng, 2, 10);
                // a weak lean towards the theme: the SFT policy learns the feature, RL has to sharpen it
                for (int j = 0; j < response.length - 1; j++) {
                    if (rng.nextDouble() < ON_THEME_BIAS) response[j] = onTheme(rng, SyntheticTask.theme(prompt));
                }
                int[] ids = new int[prompt.length + response.length];
                boolean[] mask = new boolean[ids.length];
                System.arraycopy(prompt, 0, ids, 0, prompt.length);
                System.arraycopy(response, 0, ids, prompt.length, response.length);
                for (int i = prompt.length; i < ids.length; i++) mask[i] = true;
                data.add(new TokenizedExample(ids, mask));
            }
            SftConfig config = SftConfig.builder().maxSteps(60).batch(32, 1).learningRate(1e-2)
                    .maxLength(32).saveSteps(0).build();
            new SftTrainer(config, model.parameters(), model::forward, SyntheticTask.PAD).train(data, List.of(), null);
            Path dir = Files.createTempDirectory("rl-sft-policy");
            dir.toFile().deleteOnExit();
            ModelIO.save(model, dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Mean true reward of one sampled response (temperature 1) to each of {@code prompts}. */
    public static double meanTrueReward(CausalLm policy, List<int[]> prompts, long seed) {
        GenerationResult r = new Generator(policy, null).generate(prompts, SamplingConfig.sampling(MAX_NEW_TOKENS, 1.0, seed));
        double sum = 0;
        for (int i = 0; i < prompts.size(); i++) sum += SyntheticTask.trueReward(prompts.get(i), r.get(i).tokens());
        return sum / prompts.size();
    }

    /** Mean sequence KL(policy ‖ reference) estimated on policy samples (k1). */
    public static double klToReference(CausalLm policy, CausalLm reference, List<int[]> prompts, long seed) {
        RolloutConfig config = new RolloutConfig(prompts.size(), 1, MAX_NEW_TOKENS, 1.0, 0);
        Rollout r = new RolloutSampler(policy, reference, TRUE_REWARD, config, SyntheticTask.PAD).sample(prompts, seed);
        return r.meanKl();
    }
}
