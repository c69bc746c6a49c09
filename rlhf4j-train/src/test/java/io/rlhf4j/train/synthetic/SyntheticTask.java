package io.rlhf4j.train.synthetic;

import io.rlhf4j.model.LlamaConfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A toy preference task whose true reward is known, so tests can check that reward models and
 * policy optimisers learn the right thing (the role TRL's "positive sentiment" task plays, but
 * small enough for a 2-core CPU in seconds).
 *
 * <p>Token ids: 0 pad, 1 BOS, 2 EOS, 3..{@value #VOCAB_SIZE}-1 content. A prompt is BOS and four
 * content tokens; its <em>theme</em> is {@code prompt[1] % 3}. A response's true reward is the share
 * of its content tokens on theme ({@code t % 3 == theme}), minus a small penalty per token away from
 * the {@value #IDEAL_LENGTH}-token ideal length, so both "what" and "how long" matter.
 */
public final class SyntheticTask {
    public static final int VOCAB_SIZE = 24;
    public static final int PAD = 0, BOS = 1, EOS = 2, FIRST_CONTENT = 3;
    public static final int PROMPT_CONTENT = 4;
    public static final int IDEAL_LENGTH = 6;
    static final double LENGTH_PENALTY = 0.05;

    private SyntheticTask() {}

    /** A small Llama that fits the task: enough capacity to learn the theme rule. */
    public static LlamaConfig policyConfig() {
        return new LlamaConfig("llama", VOCAB_SIZE, 32, 64, 2, 4, 2, 8, 64, 1e-5, 10000.0, true, false, false, BOS, EOS, null);
    }

    public static int theme(int[] prompt) {
        return prompt[1] % 3;
    }

    /** The true reward of {@code response} (content tokens, optionally ending in EOS) for {@code prompt}. */
    public static double trueReward(int[] prompt, int[] response) {
        int theme = theme(prompt), length = 0, onTheme = 0;
        for (int t : response) {
            if (t == EOS) break;
            length++;
            if (t >= FIRST_CONTENT && t % 3 == theme) onTheme++;
        }
        double share = length == 0 ? 0 : (double) onTheme / length;
        return share - LENGTH_PENALTY * Math.abs(length - IDEAL_LENGTH);
    }

    public static List<int[]> prompts(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<int[]> prompts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int[] p = new int[1 + PROMPT_CONTENT];
            p[0] = BOS;
            for (int j = 1; j < p.length; j++) p[j] = rng.nextInt(FIRST_CONTENT, VOCAB_SIZE);
            prompts.add(p);
        }
        return prompts;
    }

    /** Uniformly random content tokens of a random length in [minLength, maxLength], then EOS: SFT-start data. */
    public static int[] randomResponse(SplittableRandom rng, int minLength, int maxLength) {
        int length = rng.nextInt(minLength, maxLength + 1);
        int[] r = new int[length + 1];
        for (int i = 0; i < length; i++) r[i] = rng.nextInt(FIRST_CONTENT, VOCAB_SIZE);
        r[length] = EOS;
        return r;
    }

    /** A labelled comparison: {@code chosen} has the higher true reward under Bradley-Terry noise. */
    public record Pair(int[] prompt, int[] chosen, int[] rejected) {}

    /**
     * Pairs of random responses to random prompts, labelled by the true reward. With
     * {@code noiseTemperature} 0 the better response always wins (pairs of equal reward are
     * redrawn); otherwise P(a wins) = sigmoid((r_a - r_b) / temperature), as a human panel would.
     */
    public static List<Pair> preferencePairs(int n, long seed, double noiseTemperature) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<int[]> prompts = prompts(n, rng.nextLong());
        List<Pair> pairs = new ArrayList<>(n);
        for (int[] prompt : prompts) {
            int[] a, b;
            double ra, rb;
            do {
                a = randomResponse(rng, 2, 10);
                b = randomResponse(rng, 2, 10);
                ra = trueReward(prompt, a);
                rb = trueReward(prompt, b);
            } while (ra == rb);
            boolean aWins = noiseTemperature == 0 ? ra > rb
                    : rng.nextDouble() < 1 / (1 + Math.exp(-(ra - rb) / noiseTemperature));
            pairs.add(aWins ? new Pair(prompt, a, b) : new Pair(prompt, b, a));
        }
        return pairs;
    }

    /** Token names as text ("t5 t9 </s>"), so generated responses can be printed and logged. */
    public static String render(int[] tokens) {
        return String.join(" ", Arrays.stream(tokens).mapToObj(SyntheticTokenizer::name).toList());
    }
}
