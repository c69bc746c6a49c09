package io.rlhf4j.train.sft;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.rlhf4j.train.TrainObjective;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class SftLossTest {
    @Test
    void lossIsTheMeanNegativeLogLikelihoodOfMaskedTargetsOnly() {
        int v = 5;
        int[] ids0 = {1, 2, 3, 4};
        boolean[] mask0 = {false, false, true, true};
        int[] ids1 = {4, 0, 2};
        boolean[] mask1 = {false, true, true};
        float[] raw = new float[2 * 4 * v];
        Random r = new Random(3);
        for (int i = 0; i < raw.length; i++) raw[i] = (float) r.nextGaussian();

        try (NDManager m = NDManager.newBaseManager()) {
            CausalLmForward fixed = (ids, attention) -> ids.getManager().create(raw, new Shape(2, 4, v));
            TrainObjective.LossOutput out = new SftLoss(fixed, 16, 0)
                    .loss(List.of(new TokenizedExample(ids0, mask0), new TokenizedExample(ids1, mask1)), m);
            // by hand: targets are (row 0: pos1->3, pos2->4), (row 1: pos0->0, pos1->2)
            double expected = -(logSoftmax(raw, 0, 1, v)[3] + logSoftmax(raw, 0, 2, v)[4]
                    + logSoftmax(raw, 1, 0, v)[0] + logSoftmax(raw, 1, 1, v)[2]) / 4;
            assertThat(out.tokens()).isEqualTo(4);
            assertThat((double) out.loss().getFloat()).isCloseTo(expected, offset(1e-5));
        }
    }

    private static double[] logSoftmax(float[] raw, int row, int pos, int v) {
        int base = (row * 4 + pos) * v;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < v; i++) max = Math.max(max, raw[base + i]);
        double sum = 0;
        for (int i = 0; i < v; i++) sum += Math.exp(raw[base + i] - max);
        double[] out = new double[v];
        for (int i = 0; i < v; i++) out[i] = raw[base + i] - max - Math.log(sum);
        return out;
    }
}
