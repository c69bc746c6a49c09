package io.rlhf4j.demo;

import io.rlhf4j.model.CausalLm;
import io.rlhf4j.model.ScalarHeadModel;
import io.rlhf4j.train.StepMetrics;
import io.rlhf4j.train.TrainingListener;
import io.rlhf4j.train.dpo.DpoConfig;
import io.rlhf4j.train.dpo.DpoTrainer;
import io.rlhf4j.train.reward.PreferenceExample;
import io.rlhf4j.train.reward.RewardFunction;
import io.rlhf4j.train.rl.CheckpointSelector;
import io.rlhf4j.train.rl.PolicyValidator;
import io.rlhf4j.train.rl.KlConfig;
import io.rlhf4j.train.rl.OptimConfig;
import io.rlhf4j.train.rl.RlListener;
import io.rlhf4j.train.rl.RlResult;
import io.rlhf4j.train.rl.RlRunConfig;
import io.rlhf4j.train.rl.RlStepMetrics;
import io.rlhf4j.train.rl.bestofn.BestOfN;
import io.rlhf4j.train.rl.health.HealthAction;
import io.rlhf4j.train.rl.health.HealthCheck;
import io.rlhf4j.train.rl.health.HealthConfig;
import io.rlhf4j.train.rl.ppo.PpoConfig;
import io.rlhf4j.train.rl.ppo.PpoTrainer;
import io.rlhf4j.train.rl.rollout.RolloutConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PPO, DPO and best-of-n stages as both demo worlds (task world and stories) run them. One copy,
 * so that the two worlds keep the same optimiser settings, seeds, progress messages and curves: a
 * change to how the demo trains a policy then reaches both, and their figures stay comparable. What
 * differs between the worlds (tokenizer, gold judge, report type) stays in their pipelines.
 */
final class PolicyStages {
    private PolicyStages() {}

    /**
     * PPO with one sample per prompt, a fixed KL coefficient and the gold probe every eighth of the run.
     * The trainers' defences (reward normalisation, best-checkpoint selection, rollback on reward
     * hacking) are off here: the probe is a slice of the evaluation prompts, so selecting on it would
     * leak the evaluation.
     */
    static PpoConfig ppoConfig(int steps, int promptsPerStep, int maxNewTokens, int epochs, double lr, double klBeta, long seed) {
        RolloutConfig rollout = new RolloutConfig(promptsPerStep, 1, maxNewTokens, 1.0, 0);
        RlRunConfig run = RlRunConfig.builder().steps(steps).seed(seed).rollout(rollout)
                .optim(OptimConfig.of(lr, epochs, Math.max(1, promptsPerStep / 2))).kl(KlConfig.fixed(klBeta))
                .checkpointEvery(0).keepCheckpoints(1).validateEvery(Math.max(1, steps / 8))
                .selection(CheckpointSelector.Selection.LAST).rewardNormSamples(0).rewardClip(0)
                .health(HealthConfig.builder().action(HealthCheck.REWARD_HACKING, HealthAction.WARN).build()).build();
        return PpoConfig.builder().run(run).build();
    }

    /**
     * Trains {@code policy} with PPO as one stage, appending a point per step to {@code curve}; the held-out
     * gold reward (from {@code heldOutGold}, every few steps) is plotted beside the proxy reward.
     */
    static RlResult ppo(Stages stages, String stageName, PpoConfig ppoConfig, CausalLm policy, CausalLm reference,
                    RewardFunction reward, ScalarHeadModel rewardModel, int padId, List<int[]> prompts,
                    PolicyValidator heldOutGold, int round, List<RlCurve> curve) {
        long steps = ppoConfig.run().steps();
        try (Stages.Stage s = stages.start(stageName, steps);
             PpoTrainer trainer = new PpoTrainer(ppoConfig, policy, reference, reward, rewardModel, padId)) {
            trainer.withValidator(heldOutGold);
            trainer.addListener(new RlListener() {
                @Override public void onStep(RlStepMetrics m) {
                    s.stepTo(m.step());
                    s.message(String.format("reward %.3f kl %.3f", m.reward(), m.kl()));
                    curve.add(new RlCurve(round, m.step(), m.reward(), m.kl(), m.klCoef(), m.responseLength(), m.validationScore()));
                }
            });
            return trainer.train(prompts, null);
        }
    }

    /** DPO from {@code reference} as the stage "dpo", appending each step's loss to {@code losses}. */
    static void dpo(Stages stages, DpoConfig dpoConfig, int steps, CausalLm policy, CausalLm reference, List<PreferenceExample> pairs,
                    List<Double> losses) {
        try (Stages.Stage s = stages.start("dpo", steps)) {
            new DpoTrainer(dpoConfig, policy, reference).addListener(new TrainingListener() {
                @Override public void onStep(StepMetrics m) {
                    s.stepTo(m.step());
                    s.message(String.format("loss %.3f", m.loss()));
                    losses.add(m.loss());
                }
            }).train(pairs, List.of(), null);
        }
    }

    /** Best-of-n's chosen responses (one per prompt, in order) and the mean reward-model score of the chosen. */
    record BestOfNChoice(List<int[]> responses, double meanScore, double kl) {}

    /**
     * Best-of-n from {@code base} under {@code scorer}, in batches of 32 prompts (seed {@code seed + 77 + first prompt of
     * the batch}, so a run repeats from its seed).
     */
    static BestOfNChoice bestOfN(Stages stages, CausalLm base, RewardFunction scorer, int n, int maxNewTokens, int padId, long seed,
                                 List<int[]> prompts) {
        List<int[]> chosen = new ArrayList<>();
        double rm = 0;
        try (Stages.Stage s = stages.start("best-of-" + n, prompts.size())) {
            BestOfN bon = new BestOfN(base, scorer, maxNewTokens, 1.0, padId);
            int batch = 32;
            for (int from = 0; from < prompts.size(); from += batch) {
                for (BestOfN.Choice c : bon.choose(prompts.subList(from, Math.min(prompts.size(), from + batch)), n, seed + 77 + from)) {
                    chosen.add(c.response());
                    rm += c.score();
                }
                s.stepTo(Math.min(prompts.size(), from + batch));
            }
        }
        double kl = Math.log(n) - (n - 1.0) / n; // the analytic KL of best-of-n (Stiennon et al.; Beirami et al.)
        return new BestOfNChoice(chosen, rm / prompts.size(), kl);
    }
}
