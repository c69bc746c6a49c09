package io.rlhf4j.core.stats;

/**
 * How natural-log Bradley-Terry strengths are shown as Elo-like ratings:
 * {@code rating = anchorRating + scale * (theta - anchorTheta) / ln(base)}, so a gap of {@code scale} points means
 * odds of {@code base : 1}. Chatbot Arena uses scale 400, base 10, ratings centred on 1000.
 *
 * @param scale        rating points per factor of {@code base} in the odds
 * @param base         odds base (10 in Elo)
 * @param anchorRating the rating given to the anchor
 * @param anchorModel  model pinned to {@code anchorRating}; null pins the mean rating of all models instead
 */
public record RatingScale(double scale, double base, double anchorRating, String anchorModel) {

    /** Chatbot Arena's scale: 400 points per factor 10 in odds, mean rating 1000. */
    public static final RatingScale ARENA = new RatingScale(400, 10, 1000, null);

    public RatingScale {
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("scale must be positive and finite, got " + scale);
        }
        if (!(base > 1) || !Double.isFinite(base)) {
            throw new IllegalArgumentException("base must be finite and > 1, got " + base);
        }
        if (!Double.isFinite(anchorRating)) {
            throw new IllegalArgumentException("anchorRating must be finite, got " + anchorRating);
        }
    }

    /** Same scale, with the named model pinned to {@code rating}. */
    public static RatingScale anchoredAt(String model, double rating) {
        return new RatingScale(400, 10, rating, model);
    }

    /** Rating points per unit of natural-log strength (400 / ln 10 ≈ 173.7 for Arena). */
    public double pointsPerLogUnit() {
        return scale / Math.log(base);
    }

    /** Probability that a model rated {@code ratingA} beats one rated {@code ratingB}. */
    public double winProbability(double ratingA, double ratingB) {
        return 1.0 / (1.0 + Math.pow(base, (ratingB - ratingA) / scale));
    }
}
