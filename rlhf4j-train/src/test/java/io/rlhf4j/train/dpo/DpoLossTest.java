package io.rlhf4j.train.dpo;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DpoLossTest {
    static double softplus(double x) { return Math.log1p(Math.exp(x)); }

    static float[] losses(DpoConfig config, float[] h) {
        try (NDManager m = NDManager.newBaseManager()) {
            return new DpoLoss(null, config).perPairLoss(m.create(h)).toFloatArray();
        }
    }

    @Test
    void sigmoidConservativeAndIpoLossesMatchTheirFormulas() {
        float[] h = {-2f, 0f, 0.5f, 2.5f, 5f, 40f};
        double beta = 0.2;
        float[] dpo = losses(DpoConfig.builder().beta(beta).build(), h);
        float[] cdpo = losses(DpoConfig.builder().beta(beta).labelSmoothing(0.1).build(), h);
        float[] ipo = losses(DpoConfig.builder().beta(beta).lossType(DpoConfig.LossType.IPO).build(), h);
        for (int i = 0; i < h.length; i++) {
            double z = beta * h[i];
            assertThat((double) dpo[i]).isCloseTo(softplus(-z), within(1e-5));
            assertThat((double) cdpo[i]).isCloseTo(0.9 * softplus(-z) + 0.1 * softplus(z), within(1e-4));
            assertThat((double) ipo[i]).isCloseTo(Math.pow(h[i] - 1 / (2 * beta), 2), within(1e-3));
        }
        // DPO keeps rewarding a wider gap; conservative DPO and IPO stop: a finite gap is their optimum
        assertThat(dpo[5]).isLessThan(dpo[4]);
        assertThat(cdpo[5]).isGreaterThan(cdpo[4]);
        assertThat(ipo[3]).isZero(); // IPO's target gap 1/(2β) = 2.5
        assertThat(ipo[4]).isGreaterThan(ipo[3]);
    }

    @Test
    void rejectsSettingsOutsideTheirRange() {
        assertThatThrownBy(() -> DpoConfig.builder().beta(0).build()).hasMessageContaining("beta");
        assertThatThrownBy(() -> DpoConfig.builder().labelSmoothing(0.5).build()).hasMessageContaining("labelSmoothing");
    }
}
