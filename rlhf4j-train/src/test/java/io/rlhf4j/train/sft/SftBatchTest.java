package io.rlhf4j.train.sft;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SftBatchTest {
    @Test
    void padsShiftsAndMasksTargets() {
        TokenizedExample prompted = new TokenizedExample(new int[] {5, 6, 7, 8}, new boolean[] {false, false, true, true});
        TokenizedExample shortPlain = TokenizedExample.plain(new int[] {9, 10});
        try (NDManager m = NDManager.newBaseManager()) {
            SftBatch b = SftBatch.collate(List.of(prompted, shortPlain), 16, 0, m);
            assertThat(b.inputIds().getShape()).isEqualTo(new Shape(2, 4));
            assertThat(b.inputIds().toLongArray()).containsExactly(5, 6, 7, 8, 9, 10, 0, 0);
            assertThat(b.attentionMask().toLongArray()).containsExactly(1, 1, 1, 1, 1, 1, 0, 0);
            // position t predicts token t+1; only masked, real next tokens count
            assertThat(b.targets().toLongArray()).containsExactly(6, 7, 8, 0, 10, 0, 0, 0);
            assertThat(b.targetWeights().toFloatArray()).containsExactly(0, 1, 1, 0, 1, 0, 0, 0);
            assertThat(b.targetTokens()).isEqualTo(3);
        }
    }

    @Test
    void truncatesToMaxLength() {
        TokenizedExample long_ = TokenizedExample.plain(new int[] {1, 2, 3, 4, 5, 6});
        try (NDManager m = NDManager.newBaseManager()) {
            SftBatch b = SftBatch.collate(List.of(long_), 3, 0, m);
            assertThat(b.inputIds().toLongArray()).containsExactly(1, 2, 3);
            assertThat(b.targets().toLongArray()).containsExactly(2, 3, 0);
            assertThat(b.targetTokens()).isEqualTo(2);
        }
        assertThat(long_.targetCount(3)).isEqualTo(2);
    }
}
