package io.rlhf4j.train.lineage;

import io.rlhf4j.train.data.DataCursor;
import io.rlhf4j.train.data.ShuffledOrder;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * What a training run actually read, not what it was given: the training loop draws items in an
 * order fixed by (seed, epoch) alone ({@link ShuffledOrder}), so replaying that order up to where the
 * run's data cursor stopped gives exactly the items its steps saw. A DPO run of 60 steps of 8 pairs
 * over 2,081 available pairs consumed 480 pairs, and that is what lineage says.
 *
 * @param pairs              preference pairs presented to the loss, repeats across epochs counted
 * @param items              items drawn (a pair, or for the reward model a judgment with all its pairs)
 * @param distinctJudgments  judgments at least one drawn item came from
 * @param availableItems     the training set's size
 * @param epochs             per epoch (1-based), the items and pairs drawn in it
 */
public record Consumption(long pairs, long items, int distinctJudgments, int availableItems, List<Epoch> epochs) {

    public record Epoch(long epoch, long items, long pairs) {}

    public Consumption {
        epochs = List.copyOf(epochs);
    }

    /** The consumption and the ids behind it. */
    public record Replay(Consumption consumption, Set<String> judgmentIds, Set<String> annotatorIds) {}

    /**
     * Replays the loop's order over {@code items} (seeded and shuffled as the run's config says) up to
     * {@code end}, the data cursor the run stopped at.
     */
    public static <E> Replay replay(List<E> items, Function<E, String> judgmentId, ToIntFunction<E> pairsOf,
                                    Function<E, String> annotatorId, long seed, boolean shuffle, DataCursor end) {
        return replay(items, judgmentId, pairsOf, annotatorId, seed, shuffle, drawn(end, items.size()));
    }

    /** Items drawn from the start up to {@code end} over a data set of {@code size}. */
    public static long drawn(DataCursor end, int size) {
        return end.epoch() * size + end.position();
    }

    /** The first {@code drawn} items of the loop's order (e.g. up to a step whose weights were kept). */
    public static <E> Replay replay(List<E> items, Function<E, String> judgmentId, ToIntFunction<E> pairsOf,
                                    Function<E, String> annotatorId, long seed, boolean shuffle, long drawn) {
        ShuffledOrder order = new ShuffledOrder(items.size(), seed, shuffle, DataCursor.start());
        Set<String> judgments = new LinkedHashSet<>(), annotators = new LinkedHashSet<>();
        List<Epoch> epochs = new ArrayList<>();
        long pairs = 0, epochItems = 0, epochPairs = 0;
        for (long i = 0; i < drawn; i++) {
            E item = items.get(order.next(1).get(0));
            int p = pairsOf.applyAsInt(item);
            pairs += p;
            epochItems++;
            epochPairs += p;
            judgments.add(judgmentId.apply(item));
            String a = annotatorId.apply(item);
            if (a != null) annotators.add(a);
            if (epochItems == items.size() || i == drawn - 1) {
                epochs.add(new Epoch(epochs.size() + 1, epochItems, epochPairs));
                epochItems = 0;
                epochPairs = 0;
            }
        }
        return new Replay(new Consumption(pairs, drawn, judgments.size(), items.size(), epochs), judgments, annotators);
    }

    /** e.g. "480 pairs over 0.23 epochs (480 of 2081 items; 480 distinct judgments)". */
    public String describe() {
        double e = availableItems == 0 ? 0 : (double) items / availableItems;
        StringBuilder s = new StringBuilder().append(pairs).append(pairs == 1 ? " pair" : " pairs")
                .append(String.format(" over %.2f epochs", e));
        if (epochs.size() > 1) {
            s.append(" (");
            for (int i = 0; i < epochs.size(); i++) s.append(i == 0 ? "" : ", ").append("epoch ").append(epochs.get(i).epoch())
                    .append(": ").append(epochs.get(i).pairs());
            s.append(")");
        }
        return s.append("; ").append(distinctJudgments).append(" distinct judgments of ").append(availableItems)
                .append(" training items").toString();
    }
}
