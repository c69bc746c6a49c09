package io.rlhf4j.train.reward;

/**
 * Reward-model training settings, named after TRL's {@code RewardConfig} where one exists. A
 * batch holds {@code perDeviceTrainBatchSize} judgments (a K-wise ranking is one element with all
 * its pairs, InstructGPT). The run is {@code maxSteps} when positive, else {@code numTrainEpochs}
 * passes over the judgments. {@link #defaults()} is the one place the defaults live.
 *
 * @param marginPerStrength Llama-2 margin: a PREFERRED pair of strength s is trained on
 *                          {@code -log σ(r_c - r_r - marginPerStrength·(s-1))}, so "much better"
 *                          must win by more than "slightly better"; 0 turns margins off
 * @param tieWeight         weight of the tie loss {@code -½log σ(d) - ½log σ(-d)} (minimal at
 *                          d = 0) for TIE and BOTH_BAD pairs; 0 drops ties from the loss
 * @param bothBadWeight     BOTH_BAD pairs are a tie plus an absolute term
 *                          {@code ½[-log σ(τ - r_a) - log σ(τ - r_b)]} pushing both below the
 *                          threshold τ; this weight scales the absolute term (0: BOTH_BAD = TIE)
 * @param bothBadThreshold  τ, in raw (unnormalised) reward units
 * @param evalSteps         evaluate on the held-out judgments every so many steps; 0: twice per epoch
 * @param earlyStoppingPatience stop after this many held-out evaluations in a row without a lower
 *                          held-out loss; either way the model ends at its best held-out evaluation
 *                          ({@link EarlyStopping}). 0: train the whole run (still keeping the best)
 * @param ensembleSize      reward models trained with seeds {@code seed, seed+1, ...} and scored
 *                          together ({@link RewardEnsemble}); 1: a single model
 * @param ensembleStdCoef   k of the ensemble's conservative score mean − k·std over its members
 * @param lengthCovariate   length debiasing: train on {@code σ(r_c - r_r + w·Δlength)} with w learnt
 *                          alongside ({@link LengthCovariate}), so the part of the preferences that
 *                          length explains goes into w instead of into the reward; the saved reward
 *                          is r alone
 */
public record RewardConfig(
        int maxLength,
        double numTrainEpochs,
        long maxSteps,
        int perDeviceTrainBatchSize,
        double learningRate,
        double minLrRatio,
        double warmupRatio,
        double weightDecay,
        double maxGradNorm,
        double marginPerStrength,
        double tieWeight,
        double bothBadWeight,
        double bothBadThreshold,
        int evalSteps,
        int earlyStoppingPatience,
        int saveSteps,
        int saveTotalLimit,
        int padId,
        long seed,
        int ensembleSize,
        double ensembleStdCoef,
        boolean lengthCovariate) implements PreferenceSchedule {

    public RewardConfig {
        if (maxLength < 2) throw new IllegalArgumentException("maxLength must be >= 2, got " + maxLength);
        if (maxSteps <= 0 && !(numTrainEpochs > 0)) throw new IllegalArgumentException("give maxSteps > 0 or numTrainEpochs > 0");
        if (perDeviceTrainBatchSize < 1) throw new IllegalArgumentException("batch size must be >= 1");
        if (marginPerStrength < 0 || tieWeight < 0 || bothBadWeight < 0) {
            throw new IllegalArgumentException("margin and loss weights must be >= 0");
        }
        if (warmupRatio < 0 || warmupRatio >= 1) throw new IllegalArgumentException("warmupRatio must be in [0,1)");
        if (evalSteps < 0 || earlyStoppingPatience < 0) throw new IllegalArgumentException("evalSteps and earlyStoppingPatience must be >= 0");
        if (ensembleSize < 1) throw new IllegalArgumentException("ensembleSize must be >= 1, got " + ensembleSize);
        if (!(ensembleStdCoef >= 0)) throw new IllegalArgumentException("ensembleStdCoef must be >= 0, got " + ensembleStdCoef);
    }

    /**
     * Small-model defaults: at most 2 epochs with early stopping on the held-out loss (evaluated twice
     * per epoch, patience 2), lr 1e-3, batch 16, ties and both-bad on, margins off, one model.
     */
    public static RewardConfig defaults() {
        return new RewardConfig(512, 2, -1, 16, 1e-3, 0.1, 0.05, 0.0, 1.0, 0.0, 1.0, 1.0, 0.0, 0, 2, 0, 2, 0, 42, 1, 1.0, false);
    }

    /** The margin a PREFERRED pair of this strength must be won by. */
    public double margin(int strength) {
        return marginPerStrength * Math.max(0, strength - 1);
    }

    /** Member {@code i} of an ensemble: the same settings with seed {@code seed + i}, trained as one model. */
    public RewardConfig member(int i) {
        return toBuilder().seed(seed + i).ensembleSize(1).build();
    }

    /** Steps between held-out evaluations: {@code evalSteps}, or half an epoch. */
    public long evalInterval(int judgments) {
        return evalSteps > 0 ? evalSteps : Math.max(1, stepsPerEpoch(judgments) / 2);
    }

    public static Builder builder() { return defaults().toBuilder(); }

    public Builder toBuilder() { return new Builder(this); }

    public static final class Builder {
        private int maxLength, perDeviceTrainBatchSize, evalSteps, earlyStoppingPatience, saveSteps, saveTotalLimit, padId;
        private int ensembleSize;
        private double numTrainEpochs, learningRate, minLrRatio, warmupRatio, weightDecay, maxGradNorm, marginPerStrength;
        private double tieWeight, bothBadWeight, bothBadThreshold, ensembleStdCoef;
        private long maxSteps, seed;
        private boolean lengthCovariate;

        private Builder(RewardConfig c) {
            maxLength = c.maxLength;
            numTrainEpochs = c.numTrainEpochs;
            maxSteps = c.maxSteps;
            perDeviceTrainBatchSize = c.perDeviceTrainBatchSize;
            learningRate = c.learningRate;
            minLrRatio = c.minLrRatio;
            warmupRatio = c.warmupRatio;
            weightDecay = c.weightDecay;
            maxGradNorm = c.maxGradNorm;
            marginPerStrength = c.marginPerStrength;
            tieWeight = c.tieWeight;
            bothBadWeight = c.bothBadWeight;
            bothBadThreshold = c.bothBadThreshold;
            evalSteps = c.evalSteps;
            earlyStoppingPatience = c.earlyStoppingPatience;
            saveSteps = c.saveSteps;
            saveTotalLimit = c.saveTotalLimit;
            padId = c.padId;
            seed = c.seed;
            ensembleSize = c.ensembleSize;
            ensembleStdCoef = c.ensembleStdCoef;
            lengthCovariate = c.lengthCovariate;
        }

        public Builder maxLength(int v) { maxLength = v; return this; }

        public Builder numTrainEpochs(double v) { numTrainEpochs = v; return this; }

        /** Optimizer steps; overrides {@code numTrainEpochs} when > 0. */
        public Builder maxSteps(long v) { maxSteps = v; return this; }

        public Builder perDeviceTrainBatchSize(int v) { perDeviceTrainBatchSize = v; return this; }

        public Builder learningRate(double v) { learningRate = v; return this; }

        public Builder minLrRatio(double v) { minLrRatio = v; return this; }

        public Builder warmupRatio(double v) { warmupRatio = v; return this; }

        public Builder weightDecay(double v) { weightDecay = v; return this; }

        public Builder maxGradNorm(double v) { maxGradNorm = v; return this; }

        public Builder marginPerStrength(double v) { marginPerStrength = v; return this; }

        public Builder tieWeight(double v) { tieWeight = v; return this; }

        public Builder bothBadWeight(double v) { bothBadWeight = v; return this; }

        public Builder bothBadThreshold(double v) { bothBadThreshold = v; return this; }

        public Builder evalSteps(int v) { evalSteps = v; return this; }

        public Builder earlyStoppingPatience(int v) { earlyStoppingPatience = v; return this; }

        public Builder saveSteps(int v) { saveSteps = v; return this; }

        public Builder saveTotalLimit(int v) { saveTotalLimit = v; return this; }

        public Builder padId(int v) { padId = v; return this; }

        public Builder seed(long v) { seed = v; return this; }

        public Builder ensembleSize(int v) { ensembleSize = v; return this; }

        public Builder ensembleStdCoef(double v) { ensembleStdCoef = v; return this; }

        public Builder lengthCovariate(boolean v) { lengthCovariate = v; return this; }

        public RewardConfig build() {
            return new RewardConfig(maxLength, numTrainEpochs, maxSteps, perDeviceTrainBatchSize, learningRate, minLrRatio,
                    warmupRatio, weightDecay, maxGradNorm, marginPerStrength, tieWeight, bothBadWeight, bothBadThreshold,
                    evalSteps, earlyStoppingPatience, saveSteps, saveTotalLimit, padId, seed, ensembleSize, ensembleStdCoef,
                    lengthCovariate);
        }
    }
}
