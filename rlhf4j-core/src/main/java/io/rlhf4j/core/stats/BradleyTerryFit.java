package io.rlhf4j.core.stats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fitted Bradley-Terry model.
 *
 * @param strengths        one entry per model, best rating first
 * @param scale            how log-strengths were turned into ratings
 * @param battles          number of battles (or total games in the win matrix) that were fitted
 * @param bootstrapRounds  bootstrap resamples behind the intervals; 0 when no intervals were computed
 * @param confidenceLevel  coverage of the percentile intervals (e.g. 0.95); NaN when no bootstrap was run
 */
public record BradleyTerryFit(List<ModelStrength> strengths, RatingScale scale, double battles, int bootstrapRounds,
                              double confidenceLevel) {

    public BradleyTerryFit {
        strengths = List.copyOf(strengths);
    }

    /** The named model's strength; throws if the model was not in the data. */
    public ModelStrength strength(String model) {
        for (ModelStrength s : strengths) {
            if (s.model().equals(model)) {
                return s;
            }
        }
        throw new IllegalArgumentException("model '" + model + "' was not in the fitted data");
    }

    /** Predicted probability that {@code modelA} beats {@code modelB} (a tie counts as half a win). */
    public double winProbability(String modelA, String modelB) {
        return scale.winProbability(strength(modelA).rating(), strength(modelB).rating());
    }

    /** Ratings keyed by model, best first. */
    public Map<String, Double> ratings() {
        Map<String, Double> ratings = new LinkedHashMap<>();
        strengths.forEach(s -> ratings.put(s.model(), s.rating()));
        return ratings;
    }
}
