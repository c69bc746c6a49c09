package io.rlhf4j.core.stats;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Classic online Elo: after each battle both ratings move by {@code K * (score - expected)}. Unlike Bradley-Terry it
 * depends on the order of battles and recent games weigh more, which is why it is kept only for comparison (and for
 * live leaderboards that must update one battle at a time). Not thread-safe.
 */
public final class EloRatings {
    private final double kFactor;
    private final double initialRating;
    private final RatingScale scale;
    private final Map<String, Double> ratings = new LinkedHashMap<>();

    /** Elo with 400 points per factor 10 in odds. */
    public EloRatings(double kFactor, double initialRating) {
        this(kFactor, initialRating, new RatingScale(400, 10, initialRating, null));
    }

    public EloRatings(double kFactor, double initialRating, RatingScale scale) {
        if (!(kFactor > 0) || !Double.isFinite(kFactor)) {
            throw new IllegalArgumentException("kFactor must be positive and finite, got " + kFactor);
        }
        if (!Double.isFinite(initialRating)) {
            throw new IllegalArgumentException("initialRating must be finite, got " + initialRating);
        }
        this.kFactor = kFactor;
        this.initialRating = initialRating;
        this.scale = Objects.requireNonNull(scale, "scale");
    }

    /** Ratings after playing {@code battles} in order, starting from the initial rating. */
    public static Map<String, Double> replay(List<Battle> battles, double kFactor, double initialRating) {
        EloRatings elo = new EloRatings(kFactor, initialRating);
        battles.forEach(elo::record);
        return elo.ratings();
    }

    /** Updates both models' ratings with one battle. */
    public void record(Battle battle) {
        Objects.requireNonNull(battle, "battle");
        double ratingA = rating(battle.modelA());
        double ratingB = rating(battle.modelB());
        double expectedA = scale.winProbability(ratingA, ratingB);
        double delta = kFactor * (battle.outcome().scoreForA() - expectedA);
        ratings.put(battle.modelA(), ratingA + delta);
        ratings.put(battle.modelB(), ratingB - delta);
    }

    /** Current rating; a model never seen has the initial rating. */
    public double rating(String model) {
        return ratings.getOrDefault(model, initialRating);
    }

    /** Expected score of {@code modelA} against {@code modelB} at the current ratings. */
    public double expectedScore(String modelA, String modelB) {
        return scale.winProbability(rating(modelA), rating(modelB));
    }

    /** Snapshot of all ratings, in order of first appearance. */
    public Map<String, Double> ratings() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(ratings));
    }
}
