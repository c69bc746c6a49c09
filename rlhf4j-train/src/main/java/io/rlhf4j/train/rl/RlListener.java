package io.rlhf4j.train.rl;

import io.rlhf4j.train.rl.health.HealthWarning;

/** Progress of an RL run, called on the training thread (the module never prints). */
public interface RlListener {
    default void onStart(long startStep) { }

    default void onStep(RlStepMetrics metrics) { }

    default void onWarning(HealthWarning warning) { }

    /** After the policy was restored to the checkpoint of {@code toStep}. */
    default void onRollback(long toStep) { }

    default void onEnd(RlResult result) { }
}
