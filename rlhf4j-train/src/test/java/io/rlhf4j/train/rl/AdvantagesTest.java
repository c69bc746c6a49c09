package io.rlhf4j.train.rl;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The advantage estimators against values worked out by hand, and the adaptive KL controller's rule. */
class AdvantagesTest {

    @Test
    void gaeMatchesTheRecursionWorkedByHand() {
        // rewards 0, 0, 1 with values 0.5, 0.25, 0.75; γ = 0.9, λ = 0.8; value after the end = 0
        Advantages.Gae g = Advantages.gae(new float[][] {{0, 0, 1}}, new float[][] {{0.5f, 0.25f, 0.75f}}, 0.9, 0.8);
        double d2 = 1 - 0.75, d1 = 0 + 0.9 * 0.75 - 0.25, d0 = 0 + 0.9 * 0.25 - 0.5;
        double a2 = d2, a1 = d1 + 0.72 * a2, a0 = d0 + 0.72 * a1;
        assertThat(g.advantages()[0][0]).isCloseTo((float) a0, within(1e-6f));
        assertThat(g.advantages()[0][1]).isCloseTo((float) a1, within(1e-6f));
        assertThat(g.advantages()[0][2]).isCloseTo((float) a2, within(1e-6f));
        assertThat(g.returns()[0][0]).isCloseTo((float) (a0 + 0.5), within(1e-6f));
    }

    @Test
    void withGammaAndLambdaOneAndZeroValuesEveryTokenGetsTheSumOfRewardsToCome() {
        Advantages.Gae g = Advantages.gae(new float[][] {{-0.1f, -0.2f, 2f}, {3f}}, new float[][] {{0, 0, 0}, {0}}, 1, 1);
        assertThat(g.advantages()[0]).containsExactly(1.7f, 1.8f, 2f);
        assertThat(g.advantages()[1]).containsExactly(3f);
    }

    @Test
    void whiteningCentresAndScalesOrOnlyScales() {
        float[][] rows = {{1, 2}, {3, 4, 5}};
        float[][] w = Advantages.whiten(rows, true);
        double sum = 0, sq = 0;
        for (float[] r : w) for (float x : r) { sum += x; sq += x * x; }
        assertThat(sum / 5).isCloseTo(0, within(1e-6));
        assertThat(sq / 4).as("unbiased variance").isCloseTo(1, within(1e-5));
        float[][] scaled = Advantages.whiten(rows, false);
        double mean = 0;
        for (float[] r : scaled) for (float x : r) mean += x;
        assertThat(mean / 5).as("mean kept").isCloseTo(3, within(1e-5));
    }

    @Test
    void groupBaselinesAreRelativeWithinEachGroupOnly() {
        double[] r = {1, 2, 3, 10, 10, 10};
        double[] grpo = Advantages.groupNormalized(r, 3, true);
        assertThat(grpo[0]).isCloseTo(-1, within(1e-3)); // (1 - 2) / std 1
        assertThat(grpo[2]).isCloseTo(1, within(1e-3));
        assertThat(grpo[3]).as("a unanimous group teaches nothing").isZero();
        double[] drGrpo = Advantages.groupNormalized(new double[] {0, 4}, 2, false);
        assertThat(drGrpo).containsExactly(-2, 2);
        double[] rloo = Advantages.leaveOneOut(r, 3);
        assertThat(rloo[0]).isEqualTo(1 - 2.5);
        assertThat(rloo[1]).isEqualTo(2 - 2.0);
        assertThat(rloo[4]).isZero();
        assertThatThrownBy(() -> Advantages.leaveOneOut(r, 1)).hasMessageContaining("at least 2");
    }

    @Test
    void explainedVarianceIsOneForAPerfectCriticAndZeroForAConstantOne() {
        float[][] returns = {{1, 2, 3}, {4}};
        assertThat(Advantages.explainedVariance(returns, returns)).isEqualTo(1.0);
        assertThat(Advantages.explainedVariance(new float[][] {{7, 7, 7}, {7}}, returns)).isCloseTo(0, within(1e-9));
    }

    @Test
    void theAdaptiveKlControllerRaisesBetaAboveTargetLowersItBelowAndClipsTheStep() {
        KlController c = new KlController(KlConfig.adaptive(0.1, 2.0, 100));
        c.update(4.0, 10); // error clipped to +0.2: β · (1 + 0.2 · 10/100)
        assertThat(c.value()).isCloseTo(0.1 * 1.02, within(1e-7));
        c.update(1.0, 10); // error −0.5 clipped to −0.2
        assertThat(c.value()).isCloseTo(0.1 * 1.02 * 0.98, within(1e-7));
        KlController fixed = new KlController(KlConfig.fixed(0.3));
        fixed.update(100, 1000);
        assertThat(fixed.value()).isCloseTo(0.3, within(1e-7));
    }
}
