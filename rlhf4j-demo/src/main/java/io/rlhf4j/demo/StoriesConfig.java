package io.rlhf4j.demo;

/**
 * Every size and knob of one {@code --world stories} run: the pretrained stories260K Llama continues
 * story openings, the simulated panel compares its stories, a reward model on the same backbone
 * learns from the labels and PPO (DPO and best-of-n beside it) optimises against it. One round: the
 * pretrained policy's samples are labelled once. {@link #quick()} is sized for a few minutes on two
 * cores, {@link #micro()} for tests.
 *
 * @param worldSize        distinct story openings generated (split into known-answer, candidate and evaluation sets)
 * @param candidatePrompts openings whose K pretrained samples the panel compares; PPO and DPO train on these openings too
 * @param labelBudget      panel submissions, qualification and gold answers included
 * @param rmHeldOut        share of labelled openings whose labels are held out of reward-model training
 * @param maxNewTokens     tokens a continuation may have (stories260K rarely ends a story this soon: most are cut here)
 */
public record StoriesConfig(
        String name, long seed, int worldSize,
        int candidatePrompts, int candidatesPerPrompt, int overlap, int labelBudget,
        int qualificationItems, int goldItems, int goldEvery,
        int rmSteps, int rmBatch, double rmLr, double rmHeldOut,
        int ppoSteps, int ppoPromptsPerStep, double ppoLr, int ppoEpochs, double klBeta,
        int dpoSteps, double dpoBeta, double dpoLr,
        int bestOfN, int evalPrompts, int maxNewTokens) {

    public StoriesConfig {
        if (qualificationItems + goldItems + candidatePrompts + evalPrompts > worldSize) {
            throw new IllegalArgumentException("story world of " + worldSize + " openings is too small for " + (qualificationItems + goldItems)
                    + " known-answer items, " + candidatePrompts + " candidate openings and " + evalPrompts + " evaluation openings");
        }
        if (candidatesPerPrompt < 2) throw new IllegalArgumentException("need at least 2 candidates per opening to compare");
        if (maxNewTokens < 1) throw new IllegalArgumentException("maxNewTokens must be >= 1");
    }

    /** Reward-model and PPO sequences: BOS + opening (under 30 tokens) + continuation. */
    public int context() {
        return 40 + maxNewTokens;
    }

    /** {@code --quick --world stories}. */
    public static StoriesConfig quick() {
        return new StoriesConfig("quick", 7, 900,
                240, 4, 2, 1400,
                6, 30, 6,
                160, 32, 1e-3, 0.15,
                32, 32, 2e-4, 2, 0.2,
                50, 0.1, 5e-5,
                8, 256, 48);
    }

    /** The default (non-quick) stories run: more labels, longer PPO. */
    public static StoriesConfig standard() {
        return new StoriesConfig("standard", 7, 1600,
                400, 4, 2, 2600,
                8, 40, 6,
                500, 32, 1e-3, 0.15,
                80, 32, 2e-4, 2, 0.2,
                150, 0.1, 5e-5,
                8, 400, 48);
    }

    /** For tests: well under a minute; too small for the win-rate bar or a reward model above chance. */
    public static StoriesConfig micro() {
        return new StoriesConfig("micro", 7, 240,
                48, 4, 2, 300,
                4, 10, 6,
                30, 16, 1e-3, 0.4,
                2, 16, 2e-4, 1, 0.2,
                4, 0.1, 5e-5,
                4, 32, 20);
    }

    public StoriesConfig withSeed(long s) {
        return new StoriesConfig(name, s, worldSize, candidatePrompts, candidatesPerPrompt, overlap, labelBudget, qualificationItems,
                goldItems, goldEvery, rmSteps, rmBatch, rmLr, rmHeldOut, ppoSteps, ppoPromptsPerStep, ppoLr, ppoEpochs, klBeta, dpoSteps,
                dpoBeta, dpoLr, bestOfN, evalPrompts, maxNewTokens);
    }
}
