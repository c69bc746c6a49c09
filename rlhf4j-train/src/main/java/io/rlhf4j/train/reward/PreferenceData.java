package io.rlhf4j.train.reward;

import io.rlhf4j.core.data.Comparison;
import io.rlhf4j.core.data.Completion;
import io.rlhf4j.core.data.Conversation;
import io.rlhf4j.core.data.DatasetEntry;
import io.rlhf4j.core.data.DatasetItem;
import io.rlhf4j.core.data.Judgment;
import io.rlhf4j.core.format.DatasetReader;
import io.rlhf4j.model.chat.ChatTemplate;
import io.rlhf4j.train.lineage.Sha256;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Turns stored or file preference data ({@link DatasetItem}s: a prompt, its completions and the
 * pairwise/ranking judgments on them) into tokenized {@link PreferenceExample}s for the reward and
 * DPO trainers: {@link Judgment#comparisons()} decides which pairs a judgment implies, this class
 * only tokenizes them, and {@link #examples} does the same for the demo's already tokenized panel
 * labels, so {@code train reward}, {@code train dpo} and the demo learn from the same pairs. It keeps what lineage needs: judgment and annotator ids, guideline versions and a
 * content hash of exactly the comparisons used.
 *
 * <p>The prompt is encoded with the chat template's {@code encodePrompt} (ending in the assistant
 * header) and each completion as the rest of {@code encode(prompt + reply)} up to and including its
 * end-of-turn token, so the reward model
 * scores the same tokens a policy would generate. Each completion is encoded once per item, however
 * many pairs it is in. Items whose judgments imply no comparison (ratings, flags, demonstrations)
 * are counted and skipped.
 */
public final class PreferenceData {
    private final ChatTemplate template;
    private final List<PreferenceExample> examples = new ArrayList<>();
    private final Set<String> guidelineVersions = new TreeSet<>();
    private final StringBuilder canonical = new StringBuilder();
    private long items;
    private long itemsWithoutComparisons;

    public PreferenceData(ChatTemplate template) {
        this.template = template;
    }

    /** Reads every entry of {@code reader} (annotator records are skipped). */
    public PreferenceData addAll(DatasetReader reader) throws IOException {
        for (DatasetEntry e = reader.next(); e != null; e = reader.next()) {
            if (e instanceof DatasetItem item) add(item);
        }
        return this;
    }

    public PreferenceData add(DatasetItem item) {
        items++;
        List<Comparison> comparisons = item.comparisons();
        if (comparisons.isEmpty()) {
            itemsWithoutComparisons++;
            return this;
        }
        Conversation conversation = item.prompt().conversation();
        int[] prompt = template.encodePrompt(conversation);
        for (Judgment j : item.judgments()) {
            if (j.comparisons().isEmpty()) continue; // only judgments that shaped a pair name a guideline version here
            String version = j.meta().guidelineVersion();
            if (version != null && !version.isBlank()) guidelineVersions.add(version);
        }
        Map<String, int[]> responses = new HashMap<>();
        Function<String, int[]> encoded = id -> responses.computeIfAbsent(id, k -> response(conversation, prompt, item.completion(k)));
        for (Comparison c : comparisons) {
            examples.add(example(c, prompt, encoded, 1.0));
            canonical.append(c.promptId()).append('\t').append(c.chosenId()).append('\t').append(c.rejectedId())
                    .append('\t').append(c.outcome()).append('\t').append(c.strength()).append('\t')
                    .append(c.judgmentId()).append('\t').append(c.annotatorId()).append('\n');
        }
        return this;
    }

    /**
     * The pairs one judgment implies ({@link Judgment#comparisons()}), tokenized, for callers that
     * hold prompt and response tokens already (the demo's panel): the same rule {@link #add} applies
     * to stored and file data.
     *
     * @param responseTokens a completion id's response tokens (excluding the prompt)
     * @param weight         the loss weight of every pair (e.g. the annotator's reliability)
     */
    public static List<PreferenceExample> examples(Judgment judgment, int[] prompt, Function<String, int[]> responseTokens,
                                                   double weight) {
        List<PreferenceExample> out = new ArrayList<>();
        for (Comparison c : judgment.comparisons()) out.add(example(c, prompt, responseTokens, weight));
        return out;
    }

    private static PreferenceExample example(Comparison c, int[] prompt, Function<String, int[]> responseTokens, double weight) {
        return new PreferenceExample(c.promptId(), prompt, responseTokens.apply(c.chosenId()), responseTokens.apply(c.rejectedId()),
                c.outcome(), c.strength(), c.judgmentId(), c.annotatorId(), weight);
    }

    private int[] response(Conversation conversation, int[] prompt, Completion completion) {
        io.rlhf4j.model.chat.EncodedChat chat = template.encode(conversation.withReply(completion.text()));
        int[] full = chat.ids();
        // the reply ends at its end-of-turn token (the last assistant-masked one): what a policy generates before it
        // stops; a template's separator after the turn is not part of the response
        int end = full.length;
        while (end > prompt.length && !chat.assistantMask()[end - 1]) end--;
        if (end > prompt.length && Arrays.equals(full, 0, prompt.length, prompt, 0, prompt.length)) {
            return Arrays.copyOfRange(full, prompt.length, end);
        }
        throw new IllegalStateException("chat template: the prompt encoding is not a prefix of prompt + reply for completion "
                + completion.id() + "; pick another --template");
    }

    public List<PreferenceExample> examples() { return Collections.unmodifiableList(examples); }

    public long items() { return items; }

    public long itemsWithoutComparisons() { return itemsWithoutComparisons; }

    public List<String> guidelineVersions() { return List.copyOf(guidelineVersions); }

    /** sha256 over the comparisons used (ids, outcome, strength, judgment, annotator), in order: the data's identity for lineage. */
    public String contentSha256() { return Sha256.ofString(canonical.toString()); }

    /** Counts by outcome, for the run summary. */
    public Map<Comparison.Outcome, Long> outcomeCounts() {
        Map<Comparison.Outcome, Long> counts = new java.util.EnumMap<>(Comparison.Outcome.class);
        for (PreferenceExample e : examples) counts.merge(e.outcome(), 1L, Long::sum);
        return counts;
    }

    /** Train and held-out parts of a list of comparisons. */
    public record Split(List<PreferenceExample> train, List<PreferenceExample> heldOut) {}

    /**
     * Splits by judgment, never inside one (a ranking's pairs share responses: splitting it would
     * leak them into the held-out set), shuffled with {@code seed}; about {@code heldOutFraction}
     * of the judgments are held out.
     */
    public static Split split(List<PreferenceExample> examples, double heldOutFraction, long seed) {
        if (heldOutFraction < 0 || heldOutFraction >= 1) throw new IllegalArgumentException("held-out fraction must be in [0, 1)");
        List<String> judgments = new ArrayList<>(new LinkedHashSet<>(examples.stream().map(PreferenceExample::judgmentId).toList()));
        Collections.shuffle(judgments, new Random(seed));
        Set<String> held = new java.util.HashSet<>(judgments.subList(0, (int) Math.floor(judgments.size() * heldOutFraction)));
        List<PreferenceExample> train = new ArrayList<>(), heldOut = new ArrayList<>();
        for (PreferenceExample e : examples) (held.contains(e.judgmentId()) ? heldOut : train).add(e);
        return new Split(train, heldOut);
    }
}
