package io.rlhf4j.train.dpo;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.model.llama.LlamaModel;
import io.rlhf4j.train.reward.PreferenceExample;
import io.rlhf4j.train.synthetic.SyntheticTask;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * IPO regresses the gap of per-token <em>averaged</em> log-ratios to 1/(2τ) (Azar et al. 2023; TRL
 * divides the summed log-probs by the completion length for loss_type "ipo"). With a 6-token chosen
 * and a 2-token rejected response the averaged and the summed gaps differ, so the loss tells them
 * apart; DPO's sigmoid loss keeps the sums.
 */
class IpoLossTest {
    private static final double TAU = 0.5;

    @Test
    void ipoUsesPerTokenAveragedLogProbsAndDpoSummedOnes() {
        int[] prompt = {SyntheticTask.BOS, 4, 5};
        int[] chosen = {6, 7, 8, 9, 10, SyntheticTask.EOS}, rejected = {11, SyntheticTask.EOS};
        PreferenceExample pair = PreferenceExample.preferred("p", prompt, chosen, rejected, "j");
        try (NDManager m = NDManager.newBaseManager()) {
            CausalLm reference = LlamaModel.random(SyntheticTask.policyConfig(), m, 1, DataType.FLOAT32);
            CausalLm policy = LlamaModel.random(SyntheticTask.policyConfig(), m, 2, DataType.FLOAT32);
            DpoConfig ipo = DpoConfig.builder().beta(TAU).lossType(DpoConfig.LossType.IPO).maxLength(32).build();
            DpoConfig dpo = ipo.toBuilder().lossType(DpoConfig.LossType.SIGMOID).build();
            DpoItem item = new ReferenceLogProbCache(reference, 32, 0, 4).precompute(List.of(pair)).get(0);
            float[] lp = ResponseLogProbs.of(policy, List.of(prompt, prompt), List.of(chosen, rejected), 32, 0, m).toFloatArray();
            double ratioC = lp[0] - item.refChosen(), ratioR = lp[1] - item.refRejected();
            double averaged = ratioC / chosen.length - ratioR / rejected.length, summed = ratioC - ratioR;

            double ipoLoss = new DpoLoss(policy, ipo).loss(List.of(item), m).loss().getFloat();
            assertThat(ipoLoss).isCloseTo(Math.pow(averaged - 1 / (2 * TAU), 2), within(1e-4));
            assertThat(Math.abs(Math.pow(summed - 1 / (2 * TAU), 2) - ipoLoss)).as("not the summed gap").isGreaterThan(1e-2);

            double dpoLoss = new DpoLoss(policy, dpo).loss(List.of(item), m).loss().getFloat();
            assertThat(dpoLoss).isCloseTo(Math.log1p(Math.exp(-TAU * summed)), within(1e-4));
        }
    }
}
