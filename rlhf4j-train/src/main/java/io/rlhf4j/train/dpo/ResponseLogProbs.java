package io.rlhf4j.train.dpo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.model.generate.LogProbs;
import io.rlhf4j.train.reward.TokenSequences;

import java.util.ArrayList;
import java.util.List;

/**
 * log π(response | prompt): the sum of per-token log-probabilities over the response tokens only
 * (prompt and padding excluded), for a left-padded batch. The quantity DPO's implicit reward and a
 * sampled KL estimate are built from.
 */
public final class ResponseLogProbs {
    private ResponseLogProbs() {}

    /** [B] summed response log-probs; differentiable when a gradient collector is open. */
    public static NDArray of(CausalLm model, List<int[]> prompts, List<int[]> responses, int maxLength, int padId,
                             NDManager manager) {
        int b = prompts.size();
        List<int[]> seqs = new ArrayList<>(b);
        int[] respLen = new int[b];
        for (int i = 0; i < b; i++) {
            // at least one prompt token must survive truncation: it is what the first response token is predicted from
            int[] resp = responses.get(i);
            if (resp.length > maxLength - 1) resp = java.util.Arrays.copyOf(resp, maxLength - 1);
            respLen[i] = resp.length;
            seqs.add(TokenSequences.join(prompts.get(i), resp, maxLength));
        }
        TokenSequences.Batch batch = TokenSequences.leftPadded(seqs, padId, manager);
        int t = batch.length();
        NDArray perToken = LogProbs.of(model, batch.ids(), batch.mask());
        perToken.attach(manager);
        // entry j of perToken predicts token j+1; response tokens are the last respLen[i] of each row
        float[] mask = new float[b * (t - 1)];
        for (int i = 0; i < b; i++) {
            for (int j = t - 1 - respLen[i]; j < t - 1; j++) mask[i * (t - 1) + j] = 1;
        }
        return perToken.mul(manager.create(mask, new Shape(b, t - 1))).sum(new int[] {1});
    }

    /** Number of response tokens {@link #of} scores for {@code response}. */
    public static int scoredTokens(int[] response, int maxLength) {
        return Math.min(response.length, maxLength - 1);
    }
}
