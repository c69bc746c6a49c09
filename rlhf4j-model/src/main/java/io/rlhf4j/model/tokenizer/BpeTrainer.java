package io.rlhf4j.model.tokenizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Learns byte-level BPE merges from a stream of documents (GPT-2 recipe). The corpus is read once to
 * count pre-tokenized words; merging then works on the distinct words only. Pair counts are updated
 * incrementally for the words that contain the merged pair, and a max-heap with lazy invalidation
 * finds the next most frequent pair, so each merge costs time proportional to the words it touches
 * rather than to the corpus.
 */
public final class BpeTrainer {
    private final BpeTrainerConfig config;

    public BpeTrainer(BpeTrainerConfig config) {
        this.config = config;
    }

    public BpeModel train(Iterable<String> documents) {
        Map<String, long[]> wordCounts = countWords(documents);
        return merge(wordCounts);
    }

    /** Byte-level word to occurrence count; special tokens are cut out so they never take part in merges. */
    Map<String, long[]> countWords(Iterable<String> documents) {
        Pattern specials = specialTokenSplitter(config.specialTokens());
        Map<String, long[]> counts = new HashMap<>();
        for (String doc : documents) {
            for (String segment : specials == null ? new String[] {doc} : specials.split(doc)) {
                for (String word : ByteLevel.preTokenize(segment)) {
                    counts.computeIfAbsent(ByteLevel.encode(word), k -> new long[1])[0]++;
                }
            }
        }
        return counts;
    }

    static Pattern specialTokenSplitter(List<String> specials) {
        if (specials.isEmpty()) return null;
        return Pattern.compile(specials.stream()
                .sorted((a, b) -> b.length() - a.length())   // longest first, as HF's added-token matcher
                .map(Pattern::quote).collect(Collectors.joining("|")));
    }

    private record Candidate(long pair, long count) {}

    private BpeModel merge(Map<String, long[]> wordCounts) {
        List<String> tokens = new ArrayList<>(config.specialTokens());
        Map<Character, Integer> byteSymbolId = new HashMap<>();
        for (int b = 0; b < 256; b++) {
            byteSymbolId.put(ByteLevel.charOf(b), tokens.size());
            tokens.add(String.valueOf(ByteLevel.charOf(b)));
        }
        Map<String, Integer> tokenIds = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) tokenIds.put(tokens.get(i), i);
        int n = wordCounts.size();
        int[][] words = new int[n][];
        long[] freq = new long[n];
        int w = 0;
        for (Map.Entry<String, long[]> e : wordCounts.entrySet()) {
            String word = e.getKey();
            int[] symbols = new int[word.length()];
            for (int i = 0; i < symbols.length; i++) symbols[i] = byteSymbolId.get(word.charAt(i));
            words[w] = symbols;
            freq[w++] = e.getValue()[0];
        }

        Map<Long, long[]> pairCount = new HashMap<>();
        Map<Long, Set<Integer>> pairWords = new HashMap<>();
        for (w = 0; w < n; w++) {
            int[] s = words[w];
            for (int i = 0; i + 1 < s.length; i++) {
                long p = pair(s[i], s[i + 1]);
                pairCount.computeIfAbsent(p, k -> new long[1])[0] += freq[w];
                pairWords.computeIfAbsent(p, k -> new HashSet<>()).add(w);
            }
        }
        // Most frequent first; ties go to the lower (left, right) ids so training is deterministic.
        PriorityQueue<Candidate> heap = new PriorityQueue<>((a, b) -> a.count != b.count
                ? Long.compare(b.count, a.count) : Long.compare(a.pair, b.pair));
        pairCount.forEach((p, c) -> heap.add(new Candidate(p, c[0])));

        List<BpeModel.Merge> merges = new ArrayList<>();
        while (tokens.size() < config.vocabSize() && !heap.isEmpty()) {
            Candidate top = heap.poll();
            long[] current = pairCount.get(top.pair);
            long now = current == null ? 0 : current[0];
            if (now != top.count) {               // stale entry: counts fell since it was pushed
                if (now > 0) heap.add(new Candidate(top.pair, now));
                continue;
            }
            if (now < config.minPairFrequency()) break;
            int left = (int) (top.pair >>> 32), right = (int) top.pair;
            String mergedText = tokens.get(left) + tokens.get(right);
            // The same string can be reached by two splits ("ab"+"c", "a"+"bc"): like HF's trainer,
            // the second merge reuses the existing token instead of adding a duplicate.
            Integer existing = tokenIds.get(mergedText);
            int merged = existing != null ? existing : tokens.size();
            if (existing == null) {
                tokens.add(mergedText);
                tokenIds.put(mergedText, merged);
            }
            merges.add(new BpeModel.Merge(tokens.get(left), tokens.get(right)));

            Map<Long, Long> delta = new HashMap<>();
            for (int word : pairWords.remove(top.pair)) {
                int[] before = words[word];
                int[] after = applyMerge(before, left, right, merged);
                if (after.length == before.length) continue;   // stale index entry
                for (int i = 0; i + 1 < before.length; i++) delta.merge(pair(before[i], before[i + 1]), -freq[word], Long::sum);
                for (int i = 0; i + 1 < after.length; i++) {
                    long p = pair(after[i], after[i + 1]);
                    delta.merge(p, freq[word], Long::sum);
                    pairWords.computeIfAbsent(p, k -> new HashSet<>()).add(word);
                }
                words[word] = after;
            }
            for (Map.Entry<Long, Long> d : delta.entrySet()) {
                long p = d.getKey(), change = d.getValue();
                if (change == 0) continue;
                long[] c = pairCount.computeIfAbsent(p, k -> new long[1]);
                c[0] += change;
                if (c[0] <= 0) {
                    pairCount.remove(p);
                    pairWords.remove(p);
                } else if (change > 0) {
                    heap.add(new Candidate(p, c[0]));
                }
            }
        }
        return new BpeModel(tokens, merges, config.specialTokens());
    }

    static long pair(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }

    /** Left-to-right, non-overlapping, as the encoder applies a merge. */
    static int[] applyMerge(int[] symbols, int left, int right, int merged) {
        int[] out = new int[symbols.length];
        int k = 0;
        for (int i = 0; i < symbols.length; i++) {
            if (i + 1 < symbols.length && symbols[i] == left && symbols[i + 1] == right) {
                out[k++] = merged;
                i++;
            } else {
                out[k++] = symbols[i];
            }
        }
        return k == symbols.length ? symbols : java.util.Arrays.copyOf(out, k);
    }
}
