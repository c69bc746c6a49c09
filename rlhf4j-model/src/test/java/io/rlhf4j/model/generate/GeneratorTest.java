package io.rlhf4j.model.generate;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.model.Stories260K;
import io.rlhf4j.model.TinyModels;
import io.rlhf4j.model.generate.GenerationResult.StopReason;
import io.rlhf4j.model.llama.LlamaModel;
import io.rlhf4j.model.tokenizer.Llama2cTokenizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GeneratorTest {
    static NDManager manager;
    static LlamaModel model;
    static Llama2cTokenizer tok;
    static Generator gen;
    static List<int[]> prompts;

    @BeforeAll
    static void setUp() {
        manager = NDManager.newBaseManager();
        model = Stories260K.load(manager);
        tok = Stories260K.tokenizer();
        gen = new Generator(model, tok);
        prompts = List.of(tok.encodeWithBos("Once upon a time, Tom"), tok.encodeWithBos("The cat"),
                tok.encodeWithBos("Lily and her mom went to the big park to"));
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    @Test
    void kvCacheMatchesRecomputingEverything() {
        SamplingConfig cfg = SamplingConfig.greedy(40).withStopAtEos(false);
        GenerationResult cached = gen.generate(prompts, cfg);
        GenerationResult full = gen.generateWithoutCache(prompts, cfg);
        for (int i = 0; i < prompts.size(); i++) {
            assertThat(cached.get(i).tokens()).containsExactly(full.get(i).tokens());
            float[] a = cached.get(i).logProbs(), b = full.get(i).logProbs();
            for (int t = 0; t < a.length; t++) assertThat(a[t]).isCloseTo(b[t], org.assertj.core.data.Offset.offset(1e-4f));
        }
    }

    @Test
    void leftPaddedBatchMatchesOneByOne() {
        SamplingConfig cfg = SamplingConfig.greedy(40).withStopAtEos(false);
        GenerationResult batched = gen.generate(prompts, cfg);
        for (int i = 0; i < prompts.size(); i++) {
            GenerationResult single = gen.generate(prompts.get(i), cfg);
            assertThat(batched.get(i).tokens()).as("prompt %d", i).containsExactly(single.get(0).tokens());
            float[] a = batched.get(i).logProbs(), b = single.get(0).logProbs();
            for (int t = 0; t < a.length; t++) assertThat(a[t]).isCloseTo(b[t], org.assertj.core.data.Offset.offset(1e-4f));
        }
        // sampling too: row i's random stream depends on (seed, i), so compare row 0 with a lone run
        SamplingConfig s = SamplingConfig.sampling(30, 1.0, 11);
        assertThat(gen.generate(prompts, s).get(0).tokens()).containsExactly(gen.generate(prompts.get(0), s).get(0).tokens());
    }

    @Test
    void reportedLogProbsEqualScoringTheSequence() {
        GenerationResult r = gen.generate(prompts, SamplingConfig.sampling(20, 0.8, 5).withStopAtEos(false));
        int maxLen = 0;
        for (var s : r.sequences()) maxLen = Math.max(maxLen, s.fullIds().length);
        long[] ids = new long[prompts.size() * maxLen];
        long[] mask = new long[ids.length];
        for (int b = 0; b < prompts.size(); b++) {
            int[] full = r.get(b).fullIds();
            int pad = maxLen - full.length;
            for (int t = 0; t < full.length; t++) {
                ids[b * maxLen + pad + t] = full[t];
                mask[b * maxLen + pad + t] = 1;
            }
        }
        try (NDManager m = manager.newSubManager()) {
            float[] scored = LogProbs.of(model, m.create(ids, new Shape(prompts.size(), maxLen)),
                    m.create(mask, new Shape(prompts.size(), maxLen))).toFloatArray();
            for (int b = 0; b < prompts.size(); b++) {
                float[] lp = r.get(b).logProbs();
                for (int t = 0; t < lp.length; t++) {
                    // token t sits at column maxLen - lp.length + t, predicted from the column before
                    float expected = scored[b * (maxLen - 1) + maxLen - lp.length + t - 1];
                    assertThat(lp[t]).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-4f));
                    assertThat(lp[t]).isLessThanOrEqualTo(0f);
                }
            }
        }
    }

    @Test
    void samplingIsReproducibleAndSeedDependent() {
        SamplingConfig cfg = SamplingConfig.sampling(30, 1.0, 42).withStopAtEos(false);
        int[] a = gen.generate(prompts.get(1), cfg).get(0).tokens();
        int[] b = gen.generate(prompts.get(1), cfg).get(0).tokens();
        int[] c = gen.generate(prompts.get(1), cfg.withSeed(43)).get(0).tokens();
        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(c);
        // top-k = 1 leaves only the argmax: identical to greedy whatever the temperature
        int[] greedy = gen.generate(prompts.get(1), SamplingConfig.greedy(30).withStopAtEos(false)).get(0).tokens();
        assertThat(gen.generate(prompts.get(1), cfg.withTopK(1)).get(0).tokens()).containsExactly(greedy);
        // a tiny nucleus also keeps only the most likely token
        assertThat(gen.generate(prompts.get(1), cfg.withTopP(1e-6)).get(0).tokens()).containsExactly(greedy);
    }

    @Test
    void topKRestrictsTheSupport() {
        // With top-k 3 every sampled token must be among the 3 best under the model at that point.
        SamplingConfig cfg = SamplingConfig.sampling(15, 2.0, 9).withTopK(3).withStopAtEos(false);
        var seq = gen.generate(prompts.get(0), cfg).get(0);
        int[] full = seq.fullIds();
        try (NDManager m = manager.newSubManager()) {
            long[] ids = new long[full.length];
            for (int i = 0; i < full.length; i++) ids[i] = full[i];
            NDArray logits = model.forward(m.create(ids, new Shape(1, full.length)), null);
            for (int t = 0; t < seq.tokens().length; t++) {
                int pos = full.length - seq.tokens().length + t - 1;
                float[] row = logits.get("0, " + pos + ", :").toFloatArray();
                float chosen = row[seq.tokens()[t]];
                int better = 0;
                for (float v : row) if (v > chosen) better++;
                assertThat(better).isLessThan(3);
            }
        }
    }

    @Test
    void stopsOnEosAndOnStopStrings() {
        // From BOS the story's first sentence ends with "Lily." (see the README reference).
        var s = gen.generate(new int[] {1}, SamplingConfig.greedy(60).withStopStrings(List.of("Lily."))).get(0);
        assertThat(s.stopReason()).isEqualTo(StopReason.STOP_STRING);
        assertThat(tok.decode(s.fullIds())).isEqualTo("Once upon a time, there was a little girl named Lily.");

        // Long greedy runs of stories260K end a story with EOS; find it and check we stop right there.
        var longRun = gen.generate(new int[] {1}, SamplingConfig.greedy(400).withStopAtEos(false)).get(0);
        int eosAt = -1;
        for (int i = 0; i < longRun.tokens().length && eosAt < 0; i++) if (longRun.tokens()[i] == tok.eosId()) eosAt = i;
        var stopped = gen.generate(new int[] {1}, SamplingConfig.greedy(400)).get(0);
        if (eosAt >= 0) {
            assertThat(stopped.stopReason()).isEqualTo(StopReason.EOS);
            assertThat(stopped.tokens()).hasSize(eosAt + 1);
            assertThat(stopped.tokens()[eosAt]).isEqualTo(tok.eosId());
        } else {
            assertThat(stopped.stopReason()).isEqualTo(StopReason.MAX_NEW_TOKENS);
            assertThat(stopped.tokens()).hasSize(400);
        }
    }

    @Test
    void stopsOnAnyOfSeveralStopIds() {
        // Greedy from BOS: find two distinct tokens of the reference story, make both stop ids, and
        // check each row stops at whichever comes first (as a chat model's <|im_end|> or <|endoftext|>).
        int[] free = gen.generate(new int[] {1}, SamplingConfig.greedy(30).withStopAtEos(false)).get(0).tokens();
        int first = free[5], second = free[9];
        int firstAt = indexOf(free, first), secondAt = indexOf(free, second);
        var stopped = gen.generate(List.of(new int[] {1}, new int[] {1}),
                SamplingConfig.greedy(30).withStopAtEos(false).withStopIds(java.util.Set.of(first, second)));
        for (var s : stopped.sequences()) {
            assertThat(s.stopReason()).isEqualTo(StopReason.EOS);
            assertThat(s.tokens()).hasSize(Math.min(firstAt, secondAt) + 1);
            assertThat(s.tokens()).containsExactly(java.util.Arrays.copyOf(free, s.tokens().length));
        }
        // a tokenizer that lists several EOS ids (HF chat models) stops on each of them
        io.rlhf4j.model.tokenizer.Tokenizer twoEos = new io.rlhf4j.model.tokenizer.Tokenizer() {
            @Override public int[] encode(String text) { return tok.encode(text); }
            @Override public String decode(int[] ids) { return tok.decode(ids); }
            @Override public int vocabSize() { return tok.vocabSize(); }
            @Override public int bosId() { return tok.bosId(); }
            @Override public int eosId() { return tok.eosId(); }
            @Override public int padId() { return tok.padId(); }
            @Override public java.util.Set<Integer> stopIds() { return java.util.Set.of(tok.eosId(), second); }
        };
        var s = new Generator(model, twoEos).generate(new int[] {1}, SamplingConfig.greedy(30)).get(0);
        assertThat(s.tokens()).hasSize(secondAt + 1);
        assertThat(s.stopReason()).isEqualTo(StopReason.EOS);
    }

    private static int indexOf(int[] a, int x) {
        for (int i = 0; i < a.length; i++) if (a[i] == x) return i;
        return -1;
    }

    @Test
    void gpt2CacheAndBatchingAgreeToo() {
        try (NDManager m = NDManager.newBaseManager()) {
            CausalLm g = TinyModels.createPerturbed(TinyModels.GPT2, m, 21, DataType.FLOAT32);
            Generator gg = new Generator(g, null);
            List<int[]> ps = new ArrayList<>(List.of(new int[] {5, 6, 7, 8, 9}, new int[] {3}, new int[] {10, 11}));
            SamplingConfig cfg = SamplingConfig.greedy(12).withStopAtEos(false);
            GenerationResult cached = gg.generate(ps, cfg), full = gg.generateWithoutCache(ps, cfg);
            for (int i = 0; i < ps.size(); i++) {
                assertThat(cached.get(i).tokens()).containsExactly(full.get(i).tokens());
                assertThat(cached.get(i).tokens()).containsExactly(gg.generate(ps.get(i), cfg).get(0).tokens());
            }
        }
    }

    @Test
    void modelManagerStaysFlatAcrossGenerations() {
        int before = model.manager().getManagedArrays().size();
        for (int i = 0; i < 3; i++) gen.generate(prompts, SamplingConfig.sampling(10, 1.0, i));
        assertThat(model.manager().getManagedArrays()).hasSize(before);
    }
}
