package io.rlhf4j.model.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.model.KvCache;
import io.rlhf4j.model.generate.GenerationResult.Sequence;
import io.rlhf4j.model.generate.GenerationResult.StopReason;
import io.rlhf4j.model.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Batched autoregressive generation. Prompts of different lengths are left-padded into one batch;
 * the model counts positions over real tokens, so each row computes what it would alone.
 *
 * <p>With the KV cache (default) the prompt is run once and each step feeds only the new token;
 * {@link #generateWithoutCache} recomputes the whole sequence every step (a reference for tests).
 */
public final class Generator {
    private final CausalLm model;
    private final Tokenizer tokenizer; // may be null: then no stop strings
    private final int padId;
    private final Set<Integer> eosIds;

    public Generator(CausalLm model, Tokenizer tokenizer) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.padId = tokenizer != null && tokenizer.padId() >= 0 ? tokenizer.padId() : 0;
        Set<Integer> eos = new HashSet<>();
        if (tokenizer != null) eos.addAll(tokenizer.stopIds());
        if (eos.isEmpty() && model.config().eosTokenId() >= 0) eos.add(model.config().eosTokenId());
        this.eosIds = Set.copyOf(eos);
    }

    public GenerationResult generate(int[] prompt, SamplingConfig cfg) {
        return generate(List.of(prompt), cfg);
    }

    public GenerationResult generate(List<int[]> prompts, SamplingConfig cfg) {
        return run(prompts, cfg, true, null);
    }

    /** Generates as {@link #generate(List, SamplingConfig)}, telling {@code listener} each token as it is picked. */
    public GenerationResult generate(List<int[]> prompts, SamplingConfig cfg, TokenListener listener) {
        return run(prompts, cfg, true, listener);
    }

    public GenerationResult generateWithoutCache(List<int[]> prompts, SamplingConfig cfg) {
        return run(prompts, cfg, false, null);
    }

    /** Hears each new token of sequence {@code row} of the batch, e.g. to print text while it is generated. */
    @FunctionalInterface
    public interface TokenListener {
        void onToken(int row, int token);
    }

    private GenerationResult run(List<int[]> prompts, SamplingConfig cfg, boolean useCache, TokenListener listener) {
        if (prompts.isEmpty()) return new GenerationResult(List.of());
        if (!cfg.stopStrings().isEmpty() && tokenizer == null) {
            throw new IllegalArgumentException("stop strings need a tokenizer");
        }
        int batch = prompts.size();
        int promptLen = prompts.stream().mapToInt(p -> p.length).max().orElse(0);
        if (prompts.stream().anyMatch(p -> p.length == 0)) throw new IllegalArgumentException("empty prompt");
        int vocab = model.config().vocabSize();
        int totalLen = promptLen + cfg.maxNewTokens();
        if (totalLen > model.config().maxPositions()) {
            throw new IllegalArgumentException("prompt + maxNewTokens = " + totalLen + " exceeds max positions "
                    + model.config().maxPositions());
        }

        // Whole sequences (left-padded) and masks, grown as tokens are produced.
        long[][] ids = new long[batch][totalLen];
        long[][] mask = new long[batch][totalLen];
        for (int b = 0; b < batch; b++) {
            int[] p = prompts.get(b);
            int pad = promptLen - p.length;
            Arrays.fill(ids[b], padId);
            for (int i = 0; i < p.length; i++) {
                ids[b][pad + i] = p[i];
                mask[b][pad + i] = 1;
            }
        }
        List<List<Integer>> out = new ArrayList<>();
        List<List<Float>> logps = new ArrayList<>();
        StopReason[] reasons = new StopReason[batch];
        SplittableRandom[] rngs = new SplittableRandom[batch];
        for (int b = 0; b < batch; b++) {
            out.add(new ArrayList<>());
            logps.add(new ArrayList<>());
            rngs[b] = new SplittableRandom(cfg.seed() * 0x9E3779B97F4A7C15L + b);
        }

        try (NDManager session = model.manager().newSubManager()) {
            KvCache cache = useCache ? model.newCache(session) : null;
            int len = promptLen;
            // Without left padding the mask is all ones: passing none lets the model skip building it.
            boolean padded = prompts.stream().anyMatch(p -> p.length < promptLen);
            long[][] maskOrNull = padded ? mask : null;
            float[] last = lastLogits(session, ids, maskOrNull, 0, len, cache);
            for (int step = 0; step < cfg.maxNewTokens(); step++) {
                boolean anyActive = false;
                for (int b = 0; b < batch; b++) {
                    if (reasons[b] != null) {
                        ids[b][len] = padId; // finished rows keep running (cheaper than reshaping the batch)
                        mask[b][len] = 1;
                        continue;
                    }
                    int off = b * vocab;
                    int tok = TokenSampler.pick(last, off, vocab, cfg, rngs[b]);
                    out.get(b).add(tok);
                    logps.get(b).add(TokenSampler.logProb(last, off, vocab, tok));
                    if (listener != null) listener.onToken(b, tok);
                    ids[b][len] = tok;
                    mask[b][len] = 1;
                    if ((cfg.stopAtEos() && eosIds.contains(tok)) || cfg.stopIds().contains(tok)) reasons[b] = StopReason.EOS;
                    else if (hitsStopString(out.get(b), cfg.stopStrings())) reasons[b] = StopReason.STOP_STRING;
                    else anyActive = true;
                }
                len++;
                if (!anyActive || step == cfg.maxNewTokens() - 1) break;
                last = useCache ? lastLogits(session, ids, maskOrNull, len - 1, len, cache)
                                : lastLogits(session, ids, maskOrNull, 0, len, null);
            }
        }

        List<Sequence> seqs = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            int[] toks = out.get(b).stream().mapToInt(Integer::intValue).toArray();
            float[] lp = new float[toks.length];
            for (int i = 0; i < lp.length; i++) lp[i] = logps.get(b).get(i);
            seqs.add(new Sequence(prompts.get(b).clone(), toks, lp,
                    reasons[b] == null ? StopReason.MAX_NEW_TOKENS : reasons[b]));
        }
        return new GenerationResult(seqs);
    }

    /**
     * Runs ids[:, from:to] (mask[:, 0:to], or no mask when {@code mask} is null) and returns the
     * logits of the last position, [B*V] on the JVM. All step arrays die with the step's sub-manager.
     */
    private float[] lastLogits(NDManager session, long[][] ids, long[][] mask, int from, int to, KvCache cache) {
        int batch = ids.length;
        long[] idFlat = new long[batch * (to - from)];
        long[] maskFlat = mask == null ? null : new long[batch * to];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(ids[b], from, idFlat, b * (to - from), to - from);
            if (mask != null) System.arraycopy(mask[b], 0, maskFlat, b * to, to);
        }
        try (NDManager step = session.newSubManager()) {
            NDArray idArr = step.create(idFlat, new Shape(batch, to - from));
            NDArray maskArr = mask == null ? null : step.create(maskFlat, new Shape(batch, to));
            NDArray hidden = model.hiddenStates(idArr, maskArr, cache);
            NDArray lastHidden = hidden.get(":, -1, :");
            return model.lmHead(lastHidden).toType(DataType.FLOAT32, false).toFloatArray();
        }
    }

    private boolean hitsStopString(List<Integer> generated, List<String> stops) {
        if (stops.isEmpty()) return false;
        // Only the tail can newly contain a stop string; every token is at least one byte.
        int maxBytes = stops.stream().mapToInt(s -> s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).max().orElse(0);
        int from = Math.max(0, generated.size() - maxBytes - 1);
        int[] tail = generated.subList(from, generated.size()).stream().mapToInt(Integer::intValue).toArray();
        String text = tokenizer.decode(tail);
        return stops.stream().anyMatch(text::contains);
    }
}
