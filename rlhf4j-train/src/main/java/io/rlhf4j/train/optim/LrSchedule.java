package io.rlhf4j.train.optim;

/** Learning rate as a pure function of the optimizer step, so a resumed run gets the same rates. */
@FunctionalInterface
public interface LrSchedule {
    /** The rate for optimizer step {@code step} (0-based: the first update uses step 0). */
    double lr(long step);

    static LrSchedule constant(double lr) {
        return step -> lr;
    }
}
