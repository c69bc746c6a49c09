package io.rlhf4j.model.generate;

import io.rlhf4j.model.tokenizer.Tokenizer;
import java.util.List;

/** Completions in prompt order. */
public record GenerationResult(List<Sequence> sequences) {

    public enum StopReason { EOS, STOP_STRING, MAX_NEW_TOKENS }

    /**
     * One completion.
     *
     * @param prompt   the prompt ids as given (unpadded)
     * @param tokens   generated ids only (EOS included when it ended the sequence)
     * @param logProbs log p(token) under log_softmax of the raw logits (temperature 1, before top-k /
     *                 top-p), the quantity PPO's ratio uses; equals {@link LogProbs#of} on the same ids
     */
    public record Sequence(int[] prompt, int[] tokens, float[] logProbs, StopReason stopReason) {
        public String text(Tokenizer tokenizer) { return tokenizer.decode(tokens); }

        /** prompt followed by the generated tokens. */
        public int[] fullIds() {
            int[] all = new int[prompt.length + tokens.length];
            System.arraycopy(prompt, 0, all, 0, prompt.length);
            System.arraycopy(tokens, 0, all, prompt.length, tokens.length);
            return all;
        }
    }

    public Sequence get(int i) { return sequences.get(i); }

    public int totalGeneratedTokens() {
        return sequences.stream().mapToInt(s -> s.tokens().length).sum();
    }
}
