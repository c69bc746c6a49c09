package io.rlhf4j.core.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Bradley-Terry ranking of models from pairwise battles: P(i beats j) = 1 / (1 + exp(theta_j - theta_i)).
 *
 * <p>Ties count as half a win for each side, as Chatbot Arena does, so a tie pulls the two strengths together
 * without needing a separate tie parameter. The fit is the posterior mode under a weak Gaussian prior on the
 * natural-log strengths (L2 penalty {@code l2Penalty}); with the default 0.01 (prior s.d. 10 log units, about
 * 1700 Elo points) it is negligible next to real data yet keeps unbeaten and disconnected models finite.
 *
 * <p>Confidence intervals come from a nonparametric bootstrap: battles are resampled with replacement using a
 * seeded generator, the model is refitted, and the percentile interval of each model's anchored rating is reported.
 */
public final class BradleyTerry {
    /** Default L2 penalty on natural-log strengths (see class comment). */
    public static final double DEFAULT_L2_PENALTY = 0.01;

    private final double l2Penalty;
    private final RatingScale scale;

    /** Arena scale (400, base 10, mean 1000) with the default weak prior. */
    public BradleyTerry() {
        this(DEFAULT_L2_PENALTY, RatingScale.ARENA);
    }

    public BradleyTerry(double l2Penalty, RatingScale scale) {
        if (!(l2Penalty >= 0) || !Double.isFinite(l2Penalty)) {
            throw new IllegalArgumentException("l2Penalty must be finite and >= 0, got " + l2Penalty);
        }
        this.l2Penalty = l2Penalty;
        this.scale = Objects.requireNonNull(scale, "scale");
    }

    /** Point estimates from battles; intervals collapse to the rating and ranks follow the ratings. */
    public BradleyTerryFit fit(List<Battle> battles) {
        List<String> models = modelsIn(battles);
        Map<String, Integer> index = indexOf(models);
        return pointFit(models, tally(battles, index, null), gamesPerModel(battles, index), battles.size());
    }

    /**
     * Point estimates from a win matrix: {@code wins[i][j]} = wins of model i over model j (ties already split as
     * 0.5 each way if wanted). The diagonal is ignored.
     */
    public BradleyTerryFit fit(List<String> models, double[][] wins) {
        validateWinMatrix(models, wins);
        int[] games = new int[models.size()];
        double total = 0;
        for (int i = 0; i < wins.length; i++) {
            for (int j = 0; j < wins.length; j++) {
                if (i != j) {
                    games[i] += (int) Math.round(wins[i][j] + wins[j][i]);
                    total += wins[i][j];
                }
            }
        }
        return pointFit(List.copyOf(models), wins, games, total);
    }

    /**
     * Fit plus bootstrap percentile intervals.
     *
     * @param rounds          number of bootstrap resamples (e.g. 200-1000)
     * @param confidenceLevel interval coverage in (0, 1), e.g. 0.95
     * @param seed            seed of the resampling generator, so intervals are reproducible
     */
    public BradleyTerryFit fitWithBootstrap(List<Battle> battles, int rounds, double confidenceLevel, long seed) {
        if (rounds < 2) {
            throw new IllegalArgumentException("bootstrap needs at least 2 rounds, got " + rounds);
        }
        if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
            throw new IllegalArgumentException("confidenceLevel must be in (0, 1), got " + confidenceLevel);
        }
        List<String> models = modelsIn(battles);
        Map<String, Integer> index = indexOf(models);
        double[] ratings = anchoredRatings(models, BradleyTerryNewtonSolver.solve(tally(battles, index, null), l2Penalty));
        double[][] resampled = new double[models.size()][rounds];
        SplittableRandom random = new SplittableRandom(seed);
        int[] draw = new int[battles.size()];
        for (int round = 0; round < rounds; round++) {
            for (int b = 0; b < draw.length; b++) {
                draw[b] = random.nextInt(draw.length);
            }
            double[] bootRatings = anchoredRatings(models,
                    BradleyTerryNewtonSolver.solve(tally(battles, index, draw), l2Penalty));
            for (int i = 0; i < models.size(); i++) {
                resampled[i][round] = bootRatings[i];
            }
        }
        double tail = (1 - confidenceLevel) / 2;
        double[] lower = new double[models.size()];
        double[] upper = new double[models.size()];
        for (int i = 0; i < models.size(); i++) {
            Arrays.sort(resampled[i]);
            lower[i] = quantile(resampled[i], tail);
            upper[i] = quantile(resampled[i], 1 - tail);
        }
        return assemble(models, ratings, lower, upper, gamesPerModel(battles, index), battles.size(), rounds,
                confidenceLevel);
    }

    private BradleyTerryFit pointFit(List<String> models, double[][] wins, int[] games, double battleCount) {
        double[] ratings = anchoredRatings(models, BradleyTerryNewtonSolver.solve(wins, l2Penalty));
        return assemble(models, ratings, ratings, ratings, games, battleCount, 0, Double.NaN);
    }

    private BradleyTerryFit assemble(List<String> models, double[] ratings, double[] lower, double[] upper,
                                     int[] games, double battleCount, int rounds, double confidence) {
        int[] ranks = ranksRespectingIntervals(lower, upper);
        double perLogUnit = scale.pointsPerLogUnit();
        List<ModelStrength> strengths = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            double logStrength = (ratings[i] - scale.anchorRating()) / perLogUnit;
            strengths.add(new ModelStrength(models.get(i), ratings[i], logStrength, lower[i], upper[i], ranks[i],
                    games[i]));
        }
        strengths.sort(Comparator.comparingDouble(ModelStrength::rating).reversed());
        return new BradleyTerryFit(strengths, scale, battleCount, rounds, confidence);
    }

    /**
     * Rank = 1 + number of models whose lower bound is above this model's upper bound: a model is only ranked below
     * another when the intervals separate them. With point estimates this is ordinary ranking with shared ties.
     */
    static int[] ranksRespectingIntervals(double[] lower, double[] upper) {
        int[] ranks = new int[lower.length];
        for (int i = 0; i < lower.length; i++) {
            int above = 0;
            for (int j = 0; j < lower.length; j++) {
                if (j != i && lower[j] > upper[i]) {
                    above++;
                }
            }
            ranks[i] = 1 + above;
        }
        return ranks;
    }

    private double[] anchoredRatings(List<String> models, double[] theta) {
        double reference;
        if (scale.anchorModel() == null) {
            reference = Arrays.stream(theta).average().orElse(0);
        } else {
            int anchor = models.indexOf(scale.anchorModel());
            if (anchor < 0) {
                throw new IllegalArgumentException("anchor model '" + scale.anchorModel() + "' is not in the data");
            }
            reference = theta[anchor];
        }
        double[] ratings = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            ratings[i] = scale.anchorRating() + scale.pointsPerLogUnit() * (theta[i] - reference);
        }
        return ratings;
    }

    /** Linear-interpolation quantile of sorted values (the numpy default, as Arena's notebooks use). */
    static double quantile(double[] sorted, double p) {
        double position = p * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    private static List<String> modelsIn(List<Battle> battles) {
        Objects.requireNonNull(battles, "battles");
        if (battles.isEmpty()) {
            throw new IllegalArgumentException("no battles to fit");
        }
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (Battle battle : battles) {
            Objects.requireNonNull(battle, "battles contains null");
            seen.put(battle.modelA(), Boolean.TRUE);
            seen.put(battle.modelB(), Boolean.TRUE);
        }
        return List.copyOf(seen.keySet());
    }

    private static Map<String, Integer> indexOf(List<String> models) {
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < models.size(); i++) {
            index.put(models.get(i), i);
        }
        return index;
    }

    /** Win matrix from battles (or from the battles at positions {@code draw}, for a bootstrap resample). */
    private static double[][] tally(List<Battle> battles, Map<String, Integer> index, int[] draw) {
        double[][] wins = new double[index.size()][index.size()];
        int count = draw == null ? battles.size() : draw.length;
        for (int k = 0; k < count; k++) {
            Battle battle = battles.get(draw == null ? k : draw[k]);
            int a = index.get(battle.modelA());
            int b = index.get(battle.modelB());
            double scoreA = battle.outcome().scoreForA();
            wins[a][b] += scoreA;
            wins[b][a] += 1 - scoreA;
        }
        return wins;
    }

    private static int[] gamesPerModel(List<Battle> battles, Map<String, Integer> index) {
        int[] games = new int[index.size()];
        for (Battle battle : battles) {
            games[index.get(battle.modelA())]++;
            games[index.get(battle.modelB())]++;
        }
        return games;
    }

    private static void validateWinMatrix(List<String> models, double[][] wins) {
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(wins, "wins");
        if (models.isEmpty()) {
            throw new IllegalArgumentException("no models to fit");
        }
        if (wins.length != models.size()) {
            throw new IllegalArgumentException("win matrix has " + wins.length + " rows but there are "
                    + models.size() + " models");
        }
        if (models.stream().distinct().count() != models.size()) {
            throw new IllegalArgumentException("model ids must be unique: " + models);
        }
        for (double[] row : wins) {
            if (row == null || row.length != models.size()) {
                throw new IllegalArgumentException("win matrix must be square, " + models.size() + " x "
                        + models.size());
            }
            for (double w : row) {
                if (!(w >= 0) || !Double.isFinite(w)) {
                    throw new IllegalArgumentException("win counts must be finite and >= 0, got " + w);
                }
            }
        }
    }
}
