package io.rlhf4j.demo;

import io.rlhf4j.sim.RoutingExperiment;

/**
 * Every size and knob of one demo run. {@link #quick()} is sized to finish in a few minutes on two
 * CPU cores, {@link #standard()} in under twenty, {@link #micro()} in well under a minute (tests).
 * The model is deliberately tiny (a 2-layer GPT-2 of width 96 on a few-hundred-token BPE
 * vocabulary) and the world's answers are one short sentence, so each stage learns in seconds.
 *
 * @param worldSize          distinct prompts generated; split into SFT, known-answer, RL and evaluation sets
 * @param sftDemos           prompts with a written demonstration (SFT data)
 * @param expertShare        share of demonstrations written by experts (the rest by error-prone generalists)
 * @param candidatePrompts   prompts per round whose K policy samples the panel compares
 * @param labelBudget        panel submissions per round, qualification and gold answers included
 * @param collection         how labels are collected: random/no QC, expert routing, routing + QC + reliability weights
 * @param rmHeldOut          share of labelled prompts whose labels are held out of reward-model training
 * @param evalPrompts        held-out prompts every policy answers for the gold evaluation
 * @param rounds             1 + the number of iterated rounds (new policy samples, new labels, more training)
 */
public record DemoConfig(
        String name, long seed, int worldSize, int sftDemos, double expertShare,
        int vocabSize, int modelDim, int modelLayers, int modelHeads, int context,
        int sftSteps, int sftBatch, double sftLr,
        int candidatePrompts, int candidatesPerPrompt, int overlap, int labelBudget,
        int qualificationItems, int goldItems, int goldEvery, RoutingExperiment.Policy collection,
        int rmSteps, int rmBatch, double rmLr, double rmHeldOut,
        int ppoSteps, int ppoPromptsPerStep, double ppoLr, int ppoEpochs, double klBeta,
        int dpoSteps, double dpoBeta, double dpoLr,
        int bestOfN, int evalPrompts, int rounds, int maxNewTokens) {

    public DemoConfig {
        if (sftDemos + qualificationItems + goldItems + candidatePrompts * rounds + evalPrompts > worldSize) {
            throw new IllegalArgumentException("world of " + worldSize + " prompts is too small for " + sftDemos + " demos, "
                    + (qualificationItems + goldItems) + " known-answer items, " + candidatePrompts + " x " + rounds
                    + " candidate prompts and " + evalPrompts + " evaluation prompts");
        }
        if (candidatesPerPrompt < 2) throw new IllegalArgumentException("need at least 2 candidates per prompt to compare");
        if (rounds < 1) throw new IllegalArgumentException("rounds must be >= 1");
    }

    /** The default run: the README's figures. */
    public static DemoConfig standard() {
        return new DemoConfig("standard", 7, 5400, 3600, 0.25,
                640, 96, 2, 4, 96,
                900, 32, 3e-3,
                300, 4, 2, 2400,
                8, 40, 6, RoutingExperiment.Policy.ROUTING_WITH_QC,
                400, 32, 1e-3, 0.15,
                60, 32, 1e-4, 2, 0.3,
                200, 0.1, 5e-5,
                8, 1000, 2, 40);
    }

    /**
     * {@code --quick}: the same loop, smaller everywhere. Two choices were measured (RESULTS.md): 2,400
     * demonstrations, because with 700 the SFT model memorised them (final loss 0.056) and wrote garbled
     * answers to new prompts (6% right); and a KL coefficient of 0.3, because at 0.1 PPO collapsed every
     * sum onto one number its reward model liked (1% right, KL 7-14 nats) while still "winning" on brevity.
     * 600 evaluation prompts (was 300): across seeds the win rate spreads by about 3 points, of which the
     * evaluation's own sampling error is a large part (a standard error of 2.0 points at 300 prompts, 1.4 at 600).
     */
    public static DemoConfig quick() {
        return new DemoConfig("quick", 7, 3500, 2400, 0.25,
                512, 96, 2, 4, 96,
                600, 32, 3e-3,
                160, 4, 2, 900,
                6, 30, 6, RoutingExperiment.Policy.ROUTING_WITH_QC,
                150, 32, 1e-3, 0.15,
                60, 32, 1e-4, 2, 0.3,
                80, 0.1, 5e-5,
                8, 600, 2, 40);
    }

    /** For tests: seconds, not minutes; too small for the win-rate bar, big enough to learn something. */
    public static DemoConfig micro() {
        return new DemoConfig("micro", 7, 600, 240, 0.25,
                400, 64, 2, 4, 96,
                120, 32, 3e-3,
                80, 3, 1, 300,
                4, 10, 6, RoutingExperiment.Policy.ROUTING_WITH_QC,
                30, 32, 1e-3, 0.4,
                4, 16, 1e-4, 1, 0.05,
                20, 0.1, 5e-5,
                4, 60, 2, 40);
    }

    public DemoConfig withCollection(RoutingExperiment.Policy policy) {
        return new DemoConfig(name, seed, worldSize, sftDemos, expertShare, vocabSize, modelDim, modelLayers, modelHeads, context,
                sftSteps, sftBatch, sftLr, candidatePrompts, candidatesPerPrompt, overlap, labelBudget, qualificationItems,
                goldItems, goldEvery, policy, rmSteps, rmBatch, rmLr, rmHeldOut, ppoSteps, ppoPromptsPerStep, ppoLr, ppoEpochs, klBeta,
                dpoSteps, dpoBeta, dpoLr, bestOfN, evalPrompts, rounds, maxNewTokens);
    }

    public DemoConfig withSeed(long s) {
        return new DemoConfig(name, s, worldSize, sftDemos, expertShare, vocabSize, modelDim, modelLayers, modelHeads, context,
                sftSteps, sftBatch, sftLr, candidatePrompts, candidatesPerPrompt, overlap, labelBudget, qualificationItems,
                goldItems, goldEvery, collection, rmSteps, rmBatch, rmLr, rmHeldOut, ppoSteps, ppoPromptsPerStep, ppoLr, ppoEpochs, klBeta,
                dpoSteps, dpoBeta, dpoLr, bestOfN, evalPrompts, rounds, maxNewTokens);
    }

    public DemoConfig withRounds(int r) {
        return new DemoConfig(name, seed, worldSize, sftDemos, expertShare, vocabSize, modelDim, modelLayers, modelHeads, context,
                sftSteps, sftBatch, sftLr, candidatePrompts, candidatesPerPrompt, overlap, labelBudget, qualificationItems,
                goldItems, goldEvery, collection, rmSteps, rmBatch, rmLr, rmHeldOut, ppoSteps, ppoPromptsPerStep, ppoLr, ppoEpochs, klBeta,
                dpoSteps, dpoBeta, dpoLr, bestOfN, evalPrompts, r, maxNewTokens);
    }
}
