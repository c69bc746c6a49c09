package io.rlhf4j.train.rl.grpo;

import io.rlhf4j.train.rl.KlConfig;
import io.rlhf4j.train.rl.OptimConfig;
import io.rlhf4j.train.rl.RlRunConfig;
import io.rlhf4j.train.rl.RlTrainerConfig;
import io.rlhf4j.train.rl.rollout.RolloutConfig;

/**
 * The critic-free optimisers on the shared rollout path: k samples per prompt
 * ({@code run.rollout().samplesPerPrompt()}) and a baseline from the group instead of a value model.
 * {@link #grpo()} and {@link #rloo()} are the two presets (GRPO's is {@link #defaults()}).
 *
 * @param estimator  GRPO's group-normalised advantage or RLOO's leave-one-out baseline
 * @param klPlacement where the KL to the reference enters: a k3 term in the loss (GRPO) or
 *                   subtracted from the sequence reward before the baseline (RLOO)
 * @param clipRange  ε of the clipped ratio
 * @param scaleByStd divide GRPO advantages by the group std (false: Dr. GRPO's mean-only)
 * @param normalizeAdvantages rescale the step's advantages to zero mean, unit variance across the
 *                   whole batch (TRL RLOOConfig's normalize_advantages): RLOO's raw advantages are in
 *                   reward units, so without it the step size depends on the reward's scale
 */
public record GrpoConfig(RlRunConfig run, Estimator estimator, KlPlacement klPlacement, double clipRange,
                         boolean scaleByStd, boolean normalizeAdvantages) implements RlTrainerConfig {

    public enum Estimator { GROUP_NORMALIZED, LEAVE_ONE_OUT }

    public enum KlPlacement { LOSS_K3, REWARD }

    public GrpoConfig {
        if (run == null || estimator == null || klPlacement == null) throw new IllegalArgumentException("run, estimator and klPlacement are required");
        if (run.rollout().samplesPerPrompt() < 2) {
            throw new IllegalArgumentException("group baselines need samplesPerPrompt >= 2, got "
                    + run.rollout().samplesPerPrompt());
        }
        if (!(clipRange > 0)) throw new IllegalArgumentException("clipRange must be > 0");
    }

    public static GrpoConfig defaults() { return grpo(); }

    /** TRL GRPOTrainer-like: k = 8 on 4 prompts, β = 0.04 on a k3 term, one epoch per rollout, lr 3e-4. */
    public static GrpoConfig grpo() {
        RlRunConfig run = RlRunConfig.builder().rollout(RolloutConfig.builder().promptsPerStep(4).samplesPerPrompt(8)
                        .maxNewTokens(16).missingEosPenalty(0).build())
                .optim(OptimConfig.of(3e-4, 1, 32)).kl(KlConfig.fixed(0.04)).build();
        return new GrpoConfig(run, Estimator.GROUP_NORMALIZED, KlPlacement.LOSS_K3, 0.2, true, false);
    }

    /** TRL RLOOTrainer-like: k = 4 on 8 prompts, β = 0.05 subtracted from the reward, leave-one-out baseline. */
    public static GrpoConfig rloo() {
        RlRunConfig run = RlRunConfig.builder().rollout(RolloutConfig.builder().promptsPerStep(8).samplesPerPrompt(4)
                        .maxNewTokens(16).missingEosPenalty(0).build())
                .optim(OptimConfig.of(3e-4, 1, 32)).kl(KlConfig.fixed(0.05)).build();
        return new GrpoConfig(run, Estimator.LEAVE_ONE_OUT, KlPlacement.REWARD, 0.2, false, false);
    }

    public String algorithmName() {
        return estimator == Estimator.LEAVE_ONE_OUT ? "rloo" : "grpo";
    }

    public static Builder builder() { return defaults().toBuilder(); }

    public Builder toBuilder() { return new Builder(this); }

    public static final class Builder {
        private RlRunConfig run;
        private Estimator estimator;
        private KlPlacement klPlacement;
        private double clipRange;
        private boolean scaleByStd, normalizeAdvantages;

        private Builder(GrpoConfig c) {
            run = c.run;
            estimator = c.estimator;
            klPlacement = c.klPlacement;
            clipRange = c.clipRange;
            scaleByStd = c.scaleByStd;
            normalizeAdvantages = c.normalizeAdvantages;
        }

        public Builder run(RlRunConfig v) { run = v; return this; }

        public Builder estimator(Estimator v) { estimator = v; return this; }

        public Builder klPlacement(KlPlacement v) { klPlacement = v; return this; }

        public Builder clipRange(double v) { clipRange = v; return this; }

        public Builder scaleByStd(boolean v) { scaleByStd = v; return this; }

        public Builder normalizeAdvantages(boolean v) { normalizeAdvantages = v; return this; }

        public GrpoConfig build() { return new GrpoConfig(run, estimator, klPlacement, clipRange, scaleByStd, normalizeAdvantages); }
    }
}
