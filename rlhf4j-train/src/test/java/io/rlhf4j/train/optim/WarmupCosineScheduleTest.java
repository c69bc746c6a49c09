package io.rlhf4j.train.optim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

class WarmupCosineScheduleTest {
    private final WarmupCosineSchedule s = new WarmupCosineSchedule(1e-3, 1e-4, 10, 110);

    @Test
    void warmsUpLinearlyToThePeak() {
        assertThat(s.lr(0)).isCloseTo(1e-4, offset(1e-12));
        assertThat(s.lr(4)).isCloseTo(5e-4, offset(1e-12));
        assertThat(s.lr(9)).isCloseTo(1e-3, offset(1e-12));
    }

    @Test
    void decaysAlongACosineToTheFloor() {
        assertThat(s.lr(10)).isCloseTo(1e-3, offset(1e-12));
        assertThat(s.lr(60)).isCloseTo(5.5e-4, offset(1e-12)); // halfway: mean of peak and floor
        assertThat(s.lr(35)).isGreaterThan(s.lr(60)).isLessThan(1e-3);
        assertThat(s.lr(110)).isEqualTo(1e-4);
        assertThat(s.lr(500)).isEqualTo(1e-4);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new WarmupCosineSchedule(1e-3, 1e-2, 1, 10)).hasMessageContaining("minLr");
        assertThatThrownBy(() -> new WarmupCosineSchedule(0, 0, 1, 10)).hasMessageContaining("peakLr");
    }
}
