package io.rlhf4j.core.stats;

/**
 * One model's fitted Bradley-Terry strength.
 *
 * @param model       the model id
 * @param rating      strength on the Elo-like {@link RatingScale}
 * @param logStrength natural-log strength theta (P(i beats j) = sigmoid(theta_i - theta_j)), centred on the anchor
 * @param lower       lower confidence bound of {@code rating} (equal to rating when no bootstrap was run)
 * @param upper       upper confidence bound of {@code rating}
 * @param rank        1 + number of models whose lower bound lies above this model's upper bound, so models whose
 *                    intervals overlap share ranks rather than being ordered by noise (Chatbot Arena's rule)
 * @param battles     number of battles this model took part in
 */
public record ModelStrength(String model, double rating, double logStrength, double lower, double upper, int rank,
                            int battles) {
}
