package io.rlhf4j.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The work loop of a simulated panel, shared by the task-world {@link SimulatedPanel} and the story
 * panel: members arrive at random (one seeded draw per arrival), each does one task, and a member the
 * platform has no work for leaves. One copy keeps the order of arrivals, and so a seeded run, the same
 * in both worlds.
 */
public final class PanelArrivals {
    private PanelArrivals() {}

    /**
     * Works until {@code budget} submissions have been made or no member has work left; returns the number
     * submitted. {@code step} does one task for a member (false when there was none); {@code submitted} is
     * told of each member's submission.
     */
    public static <M> int work(List<M> members, Random arrivals, int budget, Predicate<M> step, Consumer<M> submitted) {
        List<M> active = new ArrayList<>(members);
        int count = 0;
        while (count < budget && !active.isEmpty()) {
            M m = active.get(arrivals.nextInt(active.size()));
            if (!step.test(m)) {
                active.remove(m);
                continue;
            }
            count++;
            submitted.accept(m);
        }
        return count;
    }
}
