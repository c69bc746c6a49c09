package io.rlhf4j.train.reward;

import ai.djl.ndarray.NDManager;
import io.rlhf4j.core.data.Comparison.Outcome;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.model.ScalarHeadModel;
import io.rlhf4j.train.synthetic.SyntheticTask;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Does weighting annotators by Dawid-Skene reliability help the reward model? A panel of three
 * judges every training pair: two careful annotators (right 90% and 85% of the time) and one who
 * always prefers the longer response, the classic annotator bias. Reward models trained on all
 * their judgments, unweighted and weighted, are scored on clean held-out pairs.
 */
class AnnotatorWeightsTest {
    static final int STEPS = 250;

    static List<PreferenceExample> panel(int pairs, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<PreferenceExample> out = new ArrayList<>();
        int i = 0;
        for (SyntheticTask.Pair p : SyntheticTask.preferencePairs(pairs, seed, 0.0)) {
            out.add(judge(p, rng.nextDouble() < 0.9, "careful-1", i));
            out.add(judge(p, rng.nextDouble() < 0.85, "careful-2", i));
            int lc = length(p.chosen()), lr = length(p.rejected());
            out.add(judge(p, lc == lr ? rng.nextBoolean() : lc > lr, "prefers-longer", i));
            i++;
        }
        return out;
    }

    static PreferenceExample judge(SyntheticTask.Pair p, boolean right, String annotator, int i) {
        int[] a = right ? p.chosen() : p.rejected(), b = right ? p.rejected() : p.chosen();
        return new PreferenceExample("p-" + i, p.prompt(), a, b, Outcome.PREFERRED, 1, "j-" + i + "-" + annotator, annotator, 1.0);
    }

    static int length(int[] response) {
        int n = 0;
        while (n < response.length && response[n] != SyntheticTask.EOS) n++;
        return n;
    }

    @Test
    void dawidSkeneGivesTheLengthBiasedAnnotatorNoWeightAndTheCarefulOnesTheirAccuracy() {
        List<PreferenceExample> train = panel(3000, 1);
        AnnotatorReliability.Weights w = AnnotatorReliability.dawidSkene(train);
        System.out.println("Dawid-Skene reliability " + w.reliability() + " -> weights " + w.weights());
        assertThat(w.items()).isEqualTo(3000);
        assertThat(w.annotations()).isEqualTo(9000);
        // true accuracies 0.90 and 0.85, measured without knowing the truth
        assertThat(w.reliability().get("careful-1")).isBetween(0.87, 0.93);
        assertThat(w.reliability().get("careful-2")).isBetween(0.82, 0.88);
        // "longer is better" agrees with the truth about half the time: no information, no weight
        assertThat(w.reliability().get("prefers-longer")).isBetween(0.4, 0.6);
        assertThat(w.weights().get("prefers-longer")).isLessThan(0.2);
        assertThat(w.weights().get("careful-1")).isGreaterThan(w.weights().get("careful-2"));
    }

    /**
     * The measurement (a few minutes, so not a unit test): reward models trained on the panel's
     * judgments with and without the weights, scored on clean held-out pairs. Results in
     * bench/annotator-weights.md. Arguments: steps (default 500).
     */
    public static void main(String[] args) throws Exception {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        List<PreferenceExample> train = panel(steps * 64 / 3, 1);
        List<PreferenceExample> heldOut = SyntheticPreferences.pairs(400, 2, 0.0, "truth");
        AnnotatorReliability.Weights w = AnnotatorReliability.dawidSkene(train);
        System.out.println("Dawid-Skene reliability " + w.reliability() + " -> weights " + w.weights());
        try (AutoCloseable threads = SyntheticStart.oneTorchThread(); NDManager m = NDManager.newBaseManager()) {
            CausalLm sft = SyntheticStart.sftPolicy(m, 7, SyntheticPreferences.SFT_STEPS, SyntheticPreferences.ON_THEME);
            String[] names = {"unweighted", "Dawid-Skene weighted", "careful annotators only"};
            for (int variant = 0; variant < 3; variant++) {
                long t0 = System.nanoTime();
                try (ScalarHeadModel model = ScalarHeadModel.withNewHead(sft.copy(m), 7)) {
                    RewardTrainer trainer = new RewardTrainer(SyntheticPreferences.config(steps), model);
                    if (variant == 1) trainer.withAnnotatorWeights(w.weights());
                    if (variant == 2) trainer.withAnnotatorWeights(java.util.Map.of("prefers-longer", 0.0));
                    trainer.train(train, heldOut, null);
                    RewardEvaluation e = trainer.lastEvaluation();
                    System.out.printf("%s: held-out accuracy on true labels %.3f, loss %.3f, ECE %.3f (%d steps, %.0f s)%n",
                            names[variant], e.accuracy(), e.loss(), e.ece(), steps, (System.nanoTime() - t0) / 1e9);
                }
            }
        }
    }
}
