package io.rlhf4j.demo;

import java.util.SplittableRandom;

/**
 * Head-to-head result of a policy against a baseline on the same prompts, judged by the gold
 * reward: a win when the policy's response scores higher, a tie (counted half) when equal. Two 95%
 * intervals: Wilson's score interval on (wins + ties/2) out of n, and a percentile bootstrap over
 * prompts.
 */
public record WinRate(int n, int wins, int ties, int losses, double rate, double wilsonLow, double wilsonHigh,
                      double bootstrapLow, double bootstrapHigh) {
    static final double Z95 = 1.959964;
    static final int BOOTSTRAP_ROUNDS = 2000;
    /** Gold totals closer than this are the same score (they are sums of a few tenths). */
    static final double TIE = 1e-9;

    public static WinRate of(double[] policy, double[] baseline, long seed) {
        if (policy.length != baseline.length || policy.length == 0) {
            throw new IllegalArgumentException("need paired scores, got " + policy.length + " and " + baseline.length);
        }
        int n = policy.length, wins = 0, ties = 0;
        double[] outcome = new double[n];
        for (int i = 0; i < n; i++) {
            double d = policy[i] - baseline[i];
            outcome[i] = d > TIE ? 1 : d < -TIE ? 0 : 0.5;
            if (outcome[i] == 1) wins++;
            else if (outcome[i] == 0.5) ties++;
        }
        double rate = (wins + ties / 2.0) / n;
        double z2 = Z95 * Z95;
        double centre = (rate + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z95 / (1 + z2 / n) * Math.sqrt(rate * (1 - rate) / n + z2 / (4.0 * n * n));
        double[] boot = new double[BOOTSTRAP_ROUNDS];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int b = 0; b < BOOTSTRAP_ROUNDS; b++) {
            double s = 0;
            for (int i = 0; i < n; i++) s += outcome[rng.nextInt(n)];
            boot[b] = s / n;
        }
        java.util.Arrays.sort(boot);
        return new WinRate(n, wins, ties, n - wins - ties, rate, centre - half, centre + half,
                boot[(int) Math.floor(0.025 * (BOOTSTRAP_ROUNDS - 1))], boot[(int) Math.ceil(0.975 * (BOOTSTRAP_ROUNDS - 1))]);
    }
}
