package io.rlhf4j.train.reward;

import io.rlhf4j.core.data.Comparison.Outcome;

import java.util.ArrayList;
import java.util.List;

/**
 * A reward model's held-out accuracy beside what length alone achieves. On real preference data
 * "the shorter reply wins" (or the longer) can be a strong baseline, and a reward model that has
 * learnt length scores well without learning the preference; the correlation of its reward
 * difference with the length difference says how much of it is length.
 *
 * @param pairs        PREFERRED pairs compared
 * @param accuracy     share where the reward ranks the chosen reply higher (ties count half)
 * @param shorterWins  share where the chosen reply is the shorter, in tokens (ties count half)
 * @param longerWins   1 - shorterWins
 * @param correlation  Pearson correlation of r_chosen - r_rejected with length_chosen - length_rejected
 */
public record LengthBaselines(int pairs, double accuracy, double shorterWins, double longerWins, double correlation) {

    /** {@code chosen[i]}, {@code rejected[i]}: the rewards of the i-th PREFERRED pair of {@code examples}, in order. */
    public static LengthBaselines of(List<PreferenceExample> examples, double[] chosen, double[] rejected) {
        List<PreferenceExample> preferred = preferred(examples);
        if (preferred.size() != chosen.length || chosen.length != rejected.length) {
            throw new IllegalArgumentException(preferred.size() + " preferred pairs but " + chosen.length + " and "
                    + rejected.length + " rewards");
        }
        int n = preferred.size();
        double acc = 0, shorter = 0;
        double[] dr = new double[n], dl = new double[n];
        for (int i = 0; i < n; i++) {
            PreferenceExample e = preferred.get(i);
            dr[i] = chosen[i] - rejected[i];
            dl[i] = e.chosen().length - e.rejected().length;
            acc += dr[i] > 0 ? 1 : dr[i] == 0 ? 0.5 : 0;
            shorter += dl[i] < 0 ? 1 : dl[i] == 0 ? 0.5 : 0;
        }
        return n == 0 ? new LengthBaselines(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN)
                : new LengthBaselines(n, acc / n, shorter / n, 1 - shorter / n, pearson(dr, dl));
    }

    /** The PREFERRED pairs of {@code examples}, in order: the ones a length baseline can be compared on. */
    public static List<PreferenceExample> preferred(List<PreferenceExample> examples) {
        List<PreferenceExample> out = new ArrayList<>();
        for (PreferenceExample e : examples) if (e.outcome() == Outcome.PREFERRED) out.add(e);
        return out;
    }

    /** Whether the reward model beats both "shorter wins" and "longer wins". */
    public boolean beatsLength() {
        return accuracy > shorterWins && accuracy > longerWins;
    }

    /** e.g. "accuracy 0.602 vs shorter-wins 0.580, longer-wins 0.420; corr(reward diff, length diff) -0.66: does not beat length". */
    public String describe() {
        return String.format("accuracy %.4f vs shorter-wins %.4f, longer-wins %.4f on %d pairs; corr(reward diff, length diff) %.3f: %s",
                accuracy, shorterWins, longerWins, pairs, correlation,
                beatsLength() ? "beats both length baselines" : "does NOT beat the length baselines");
    }

    static double pearson(double[] x, double[] y) {
        double mx = 0, my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= x.length;
        my /= y.length;
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }
}
