package io.rlhf4j.train.rl.rollout;

import java.util.List;

/**
 * One step's samples, everything an RL update needs, on the JVM (small: a few hundred tokens).
 * Sample i answers {@code prompts.get(i)}; samples {@code [g*k, (g+1)*k)} share a prompt (group g).
 *
 * @param responses      generated tokens (EOS included when the sample ended with it)
 * @param scores         reward-function scores after the missing-EOS penalty
 * @param rawScores      reward-function scores as returned
 * @param logProbs       per response token, log π_old (the sampling policy, temperature 1)
 * @param refLogProbs    per response token, log π_ref (the frozen reference)
 * @param entropies      per response token, the policy's entropy (nats) at that position
 * @param reachedEos     whether each sample ended with EOS
 * @param generationNanos wall time spent sampling
 * @param scoringNanos   wall time spent scoring (reward, policy and reference log-probs)
 */
public record Rollout(int groupSize, List<int[]> prompts, List<int[]> responses, double[] scores, double[] rawScores,
                      float[][] logProbs, float[][] refLogProbs, float[][] entropies, boolean[] reachedEos,
                      long generationNanos, long scoringNanos) {

    public int size() { return responses.size(); }

    public int groups() { return size() / groupSize; }

    public int length(int i) { return responses.get(i).length; }

    /** Σ_t (log π_old − log π_ref) of sample i: the k1 estimate of its sequence KL. */
    public double sequenceKl(int i) {
        double s = 0;
        for (int t = 0; t < logProbs[i].length; t++) s += logProbs[i][t] - refLogProbs[i][t];
        return s;
    }

    /** Mean over samples of {@link #sequenceKl}: what the KL controller and the health monitor watch. */
    public double meanKl() {
        double s = 0;
        for (int i = 0; i < size(); i++) s += sequenceKl(i);
        return s / size();
    }

    public double meanScore() { return mean(scores); }

    public double meanRawScore() { return mean(rawScores); }

    /** Token-weighted mean entropy of the policy over response positions. */
    public double meanEntropy() {
        double s = 0;
        long n = 0;
        for (float[] row : entropies) for (float e : row) { s += e; n++; }
        return n == 0 ? 0 : s / n;
    }

    public double meanLength() {
        return responses.stream().mapToInt(r -> r.length).average().orElse(0);
    }

    public double noEosFraction() {
        int n = 0;
        for (boolean b : reachedEos) if (!b) n++;
        return (double) n / size();
    }

    public long tokens() {
        return responses.stream().mapToLong(r -> r.length).sum();
    }

    static double mean(double[] xs) {
        double s = 0;
        for (double x : xs) s += x;
        return xs.length == 0 ? 0 : s / xs.length;
    }
}
