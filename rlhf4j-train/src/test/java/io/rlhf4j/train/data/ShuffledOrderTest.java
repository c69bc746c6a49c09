package io.rlhf4j.train.data;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ShuffledOrderTest {
    @Test
    void everyEpochVisitsEveryExampleOnceInANewOrder() {
        ShuffledOrder order = new ShuffledOrder(50, 1, true, DataCursor.start());
        List<Integer> epoch0 = order.next(50);
        List<Integer> epoch1 = order.next(50);
        assertThat(new HashSet<>(epoch0)).hasSize(50);
        assertThat(new HashSet<>(epoch1)).hasSize(50);
        assertThat(epoch0).isNotEqualTo(epoch1);
        assertThat(order.cursor()).isEqualTo(new DataCursor(1, 50));
    }

    @Test
    void aCursorReplaysTheSameStreamAcrossEpochBoundaries() {
        ShuffledOrder straight = new ShuffledOrder(7, 99, true, DataCursor.start());
        straight.next(10);
        DataCursor saved = straight.cursor();
        List<Integer> expected = straight.next(20);
        List<Integer> replayed = new ShuffledOrder(7, 99, true, saved).next(20);
        assertThat(replayed).isEqualTo(expected);
    }

    @Test
    void withoutShuffleTheOrderIsSequential() {
        ShuffledOrder order = new ShuffledOrder(3, 5, false, DataCursor.start());
        assertThat(order.next(7)).containsExactly(0, 1, 2, 0, 1, 2, 0);
        List<Integer> seeds = new ArrayList<>(new ShuffledOrder(30, 5, true, DataCursor.start()).next(30));
        assertThat(seeds).isNotEqualTo(new ShuffledOrder(30, 6, true, DataCursor.start()).next(30));
    }
}
