package io.rlhf4j.train.rl;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The adaptive KL controller at its defaults (Ziegler et al.; TRL's AdaptiveKLController): over a
 * run of the CLI's default size (100 steps of 16 samples) β must move materially towards the
 * target. TRL's horizon of 10,000 samples suits its batches of 256; with 16 samples a step, the
 * horizon this project used before kept β within 4% of its start whatever the KL did.
 */
class AdaptiveKlTest {
    private static double betaAfter(KlConfig config, double kl) {
        KlController c = new KlController(config);
        for (int step = 0; step < 100; step++) c.update(kl, 16);
        return c.value();
    }

    @Test
    void atTheDefaultHorizonBetaMovesMateriallyOverADefaultRun() {
        KlConfig adaptive = KlConfig.builder().initCoef(0.2).target(3.0).build();
        assertThat(betaAfter(adaptive, 6.0)).as("KL twice the target raises β").isGreaterThan(0.2 * 1.3);
        assertThat(betaAfter(adaptive, 1.0)).as("KL a third of the target lowers β").isLessThan(0.2 / 1.25);
        assertThat(betaAfter(adaptive.toBuilder().horizon(10000).build(), 6.0)).as("the old horizon barely moves it")
                .isLessThan(0.2 * 1.04);
        assertThat(betaAfter(KlConfig.defaults(), 6.0)).as("no target: fixed β").isEqualTo((float) 0.2);
    }
}
