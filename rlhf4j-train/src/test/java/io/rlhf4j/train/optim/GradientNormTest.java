package io.rlhf4j.train.optim;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class GradientNormTest {
    @Test
    void globalNormIsTheNormOfAllElementsTogether() {
        try (NDManager m = NDManager.newBaseManager(); NDManager scratch = m.newSubManager()) {
            double norm = GradientNorm.of(List.of(m.create(new float[] {3, 0}), m.create(new float[] {0, 4, 12})), scratch);
            assertThat(norm).isCloseTo(13.0, offset(1e-5));
        }
    }

    @Test
    void clipFactorScalesDownOnlyAboveTheThreshold() {
        assertThat(GradientNorm.clipFactor(13, 1)).isCloseTo(1 / 13.0, offset(1e-6));
        assertThat(GradientNorm.clipFactor(0.5, 1)).isEqualTo(1.0);
        assertThat(GradientNorm.clipFactor(100, 0)).isEqualTo(1.0);
    }
}
