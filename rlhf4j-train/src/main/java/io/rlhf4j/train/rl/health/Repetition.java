package io.rlhf4j.train.rl.health;

import java.util.List;

/** Repeated-token degeneration ("t5 t5 t5 t5 ..."), measured on responses. */
public final class Repetition {
    private Repetition() {}

    /** Longest run of one token repeated back to back, EOS excluded. */
    public static int longestRun(int[] response, int eosId) {
        int best = 0, run = 0, prev = Integer.MIN_VALUE;
        for (int t : response) {
            if (t == eosId) break;
            run = t == prev ? run + 1 : 1;
            prev = t;
            best = Math.max(best, run);
        }
        return best;
    }

    /** Share of responses with a run of at least {@code minRun} identical tokens. */
    public static double degenerateFraction(List<int[]> responses, int minRun, int eosId) {
        if (responses.isEmpty()) return 0;
        long n = responses.stream().filter(r -> longestRun(r, eosId) >= minRun).count();
        return (double) n / responses.size();
    }
}
