package io.rlhf4j.bench;

import ai.djl.ndarray.NDManager;
import io.rlhf4j.model.ScalarHeadModel;
import io.rlhf4j.model.io.Llama2cCheckpoint;
import io.rlhf4j.train.reward.RewardConfig;
import io.rlhf4j.train.reward.RewardTrainer;
import io.rlhf4j.train.rl.RlJob;
import io.rlhf4j.train.rl.RlListener;
import io.rlhf4j.train.rl.RlRunConfig;
import io.rlhf4j.train.rl.RlStepMetrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One PPO step on a real model, through {@code train ppo}'s job: the policy is the llama2.c
 * checkpoint itself, the reward model its own trunk with a fresh score head (its scores are
 * meaningless, its cost is a real reward model's), 16 story openings x 64 new tokens per step
 * (the CLI's default rollout). Two steps run; the second is reported, the first carrying one-off
 * costs (loading, the reward normaliser's reference samples).
 */
public final class PpoStep {
    /** The second step's metrics and the tokens its rollout generated. */
    public record Result(int prompts, int maxNewTokens, RlStepMetrics step, double generatedTokens) { }

    private static final String[] OPENINGS = {"Once upon a time", "Tom had a red ball", "The cat sat in the sun",
        "Lily wanted to fly", "One day, a big dog", "Sam found a shiny box", "The little bird was sad",
        "Mia and her mom went to the park", "A boy named Ben", "The sun was hot", "Anna saw a frog",
        "There was a tiny mouse", "The old tree", "Max liked to run", "It was a rainy day", "Sue had a new toy"};

    private PpoStep() { }

    public static Result run(Path modelBin, Path work) throws IOException {
        Files.createDirectories(work);
        Path rewardDir = work.resolve("reward"), prompts = work.resolve("prompts.txt"), out = work.resolve("ppo");
        int maxLength;
        try (NDManager m = NDManager.newBaseManager();
             ScalarHeadModel rm = ScalarHeadModel.withNewHead(Llama2cCheckpoint.load(modelBin, m), 1)) {
            maxLength = rm.trunk().config().maxPositions();
            new RewardTrainer(RewardConfig.builder().maxLength(maxLength).padId(0).build(), rm).save(rewardDir);
        }
        Files.write(prompts, List.of(OPENINGS));
        RlRunConfig run = RlRunConfig.builder().steps(2).checkpointEvery(1000).build();
        List<RlStepMetrics> steps = new ArrayList<>();
        new RlJob(RlJob.Algorithm.PPO, modelBin, rewardDir, prompts, out, run, "none").run(List.of(new RlListener() {
            @Override public void onStep(RlStepMetrics metrics) { steps.add(metrics); }
        }));
        RlStepMetrics second = steps.get(steps.size() - 1);
        return new Result(OPENINGS.length, run.rollout().maxNewTokens(), second, second.responseLength() * OPENINGS.length);
    }
}
