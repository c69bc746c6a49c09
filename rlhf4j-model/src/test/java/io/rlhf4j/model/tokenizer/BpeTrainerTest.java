package io.rlhf4j.model.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BpeTrainerTest {

    @Test
    void mergesTheMostFrequentPairFirstAndCountsRepeatsInsideAWord() {
        // "ababab": ab x3, ba x2 -> (a,b); then [ab,ab,ab] has (ab,ab) twice -> (ab,ab).
        BpeTrainerConfig config = new BpeTrainerConfig(2 + 256 + 2, List.of("<|endoftext|>", "<|pad|>"), 2);
        BpeModel model = new BpeTrainer(config).train(Collections.nCopies(10, "ababab"));

        assertThat(model.merges()).containsExactly(new BpeModel.Merge("a", "b"), new BpeModel.Merge("ab", "ab"));
        assertThat(model.vocabSize()).isEqualTo(260);
        assertThat(model.tokens().subList(0, 2)).containsExactly("<|endoftext|>", "<|pad|>");
        ByteLevelBpeTokenizer encoder = new ByteLevelBpeTokenizer(model);
        assertThat(encoder.encode("ababab")).containsExactly(model.idOf("abab"), model.idOf("ab"));
    }

    @Test
    void incrementalPairCountsGiveTheSameMergesAsRecountingEveryStep() {
        Random random = new Random(7);
        List<String> docs = new ArrayList<>();
        for (int d = 0; d < 300; d++) {
            StringBuilder doc = new StringBuilder();
            for (int w = 0; w < 20; w++) {
                int len = 1 + random.nextInt(8);
                for (int i = 0; i < len; i++) doc.append("abcdé".charAt(random.nextInt(5)));
                doc.append(random.nextInt(6) == 0 ? ". " : " ");
            }
            docs.add(doc.toString());
        }
        BpeTrainerConfig config = new BpeTrainerConfig(2 + 256 + 120, List.of("<s>", "</s>"), 2);
        BpeTrainer trainer = new BpeTrainer(config);

        BpeModel fast = trainer.train(docs);
        List<BpeModel.Merge> slow = recountEveryMerge(trainer.countWords(docs), config);

        assertThat(fast.merges()).hasSize(120).isEqualTo(slow);
    }

    @Test
    void stopsEarlyWhenNoPairReachesTheMinimumFrequency() {
        BpeModel model = new BpeTrainer(new BpeTrainerConfig(5000, List.of(), 2)).train(List.of("xyz xyz", "q"));
        // "xyz" x2 -> (x,y) then (xy,z); " xyz" once is below the threshold.
        assertThat(model.merges()).containsExactly(new BpeModel.Merge("x", "y"), new BpeModel.Merge("xy", "z"));
        assertThat(model.vocabSize()).isEqualTo(258);
    }

    @Test
    void specialTokensInTheCorpusAreNeverMergedWithText() {
        BpeModel model = new BpeTrainer(new BpeTrainerConfig(400, List.of("<|end|>"), 2))
                .train(Collections.nCopies(50, "hello<|end|>hello<|end|>"));
        assertThat(model.tokens()).noneMatch(t -> t.contains("<|end") && !t.equals("<|end|>"));
        ByteLevelBpeTokenizer encoder = new ByteLevelBpeTokenizer(model);
        assertThat(encoder.encode("hello<|end|>")).containsExactly(model.idOf("hello"), model.idOf("<|end|>"));
    }

    @Test
    void rejectsAVocabularyTooSmallForTheByteAlphabet() {
        assertThatThrownBy(() -> new BpeTrainerConfig(256, List.of("<|pad|>"), 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("257");
    }

    @Test
    void realTextTrainsToTheTargetSizeAndRoundTripsAnyInput() {
        List<String> corpus = TestCorpus.hhRlhfTranscripts();
        List<String> train = corpus.subList(0, corpus.size() - 200);
        List<String> heldOut = corpus.subList(corpus.size() - 200, corpus.size());

        long start = System.nanoTime();
        BpeModel model = new BpeTrainer(BpeTrainerConfig.of(4096)).train(train);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("BPE: %.2f MB of text -> vocab %d in %.2f s%n",
                TestCorpus.utf8Bytes(train) / 1e6, model.vocabSize(), seconds);

        assertThat(model.vocabSize()).isEqualTo(4096);
        assertThat(model.merges()).hasSize(4096 - 256 - BpeTrainerConfig.DEFAULT_SPECIALS.size());
        ByteLevelBpeTokenizer encoder = new ByteLevelBpeTokenizer(model);
        for (String text : TestCorpus.AWKWARD) assertThat(encoder.decode(encoder.encode(text))).isEqualTo(text);

        long bytes = TestCorpus.utf8Bytes(heldOut), tokens = 0;
        for (String doc : heldOut) {
            int[] ids = encoder.encode(doc);
            assertThat(encoder.decode(ids)).isEqualTo(doc);
            tokens += ids.length;
        }
        // English chat text under a 4k BPE: well under one token per 3 bytes (bytes alone would be 1.0).
        assertThat((double) tokens / bytes).isLessThan(0.33);
        assertThat(encoder.encode(" the")).hasSize(1);
    }

    /** The textbook algorithm, as an oracle: count every pair of every word before each merge. */
    private static List<BpeModel.Merge> recountEveryMerge(Map<String, long[]> wordCounts, BpeTrainerConfig config) {
        List<String> tokens = new ArrayList<>(config.specialTokens());
        for (int b = 0; b < 256; b++) tokens.add(String.valueOf(ByteLevel.charOf(b)));
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) ids.put(tokens.get(i), i);
        List<List<String>> words = new ArrayList<>();
        List<Long> freq = new ArrayList<>();
        wordCounts.forEach((w, c) -> {
            List<String> symbols = new ArrayList<>();
            for (char ch : w.toCharArray()) symbols.add(String.valueOf(ch));
            words.add(symbols);
            freq.add(c[0]);
        });
        List<BpeModel.Merge> merges = new ArrayList<>();
        while (tokens.size() < config.vocabSize()) {
            Map<Long, Long> counts = new HashMap<>();
            for (int w = 0; w < words.size(); w++) {
                List<String> s = words.get(w);
                for (int i = 0; i + 1 < s.size(); i++) {
                    counts.merge(BpeTrainer.pair(ids.get(s.get(i)), ids.get(s.get(i + 1))), freq.get(w), Long::sum);
                }
            }
            long bestPair = -1, bestCount = 0;
            for (Map.Entry<Long, Long> e : counts.entrySet()) {
                if (e.getValue() > bestCount || (e.getValue() == bestCount && e.getKey() < bestPair)) {
                    bestPair = e.getKey();
                    bestCount = e.getValue();
                }
            }
            if (bestCount < config.minPairFrequency()) break;
            String left = tokens.get((int) (bestPair >>> 32)), right = tokens.get((int) bestPair);
            merges.add(new BpeModel.Merge(left, right));
            if (!ids.containsKey(left + right)) {
                ids.put(left + right, tokens.size());
                tokens.add(left + right);
            }
            for (List<String> s : words) {
                for (int i = 0; i + 1 < s.size(); i++) {
                    if (s.get(i).equals(left) && s.get(i + 1).equals(right)) {
                        s.set(i, left + right);
                        s.remove(i + 1);
                    }
                }
            }
        }
        return merges;
    }
}
