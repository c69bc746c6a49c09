package io.rlhf4j.core.stats;

/** Result of one pairwise comparison, seen from the first-named model (A). */
public enum PairwiseOutcome {
    A_WINS,
    B_WINS,
    TIE;

    /** Score credited to model A: 1 for a win, 0.5 for a tie, 0 for a loss (the Elo / Chatbot Arena convention). */
    public double scoreForA() {
        return switch (this) {
            case A_WINS -> 1.0;
            case B_WINS -> 0.0;
            case TIE -> 0.5;
        };
    }
}
