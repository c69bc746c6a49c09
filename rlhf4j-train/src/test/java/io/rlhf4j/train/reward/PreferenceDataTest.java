package io.rlhf4j.train.reward;

import io.rlhf4j.core.data.Comparison.Outcome;
import io.rlhf4j.core.data.Completion;
import io.rlhf4j.core.data.Conversation;
import io.rlhf4j.core.data.DatasetItem;
import io.rlhf4j.core.data.JudgmentMeta;
import io.rlhf4j.core.data.PairwiseChoice;
import io.rlhf4j.core.data.PairwiseJudgment;
import io.rlhf4j.core.data.Prompt;
import io.rlhf4j.core.data.Provenance;
import io.rlhf4j.core.data.RankingJudgment;
import io.rlhf4j.core.data.RatingJudgment;
import io.rlhf4j.model.chat.RoleMarkerTemplate;
import io.rlhf4j.model.tokenizer.Tokenizer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PreferenceDataTest {

    /** Bytes as ids 3..258; 0 pad, 1 BOS, 2 EOS. */
    static final Tokenizer BYTES = new Tokenizer() {
        @Override public int[] encode(String text) {
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            int[] out = new int[b.length];
            for (int i = 0; i < b.length; i++) out[i] = (b[i] & 0xff) + 3;
            return out;
        }
        @Override public String decode(int[] ids) {
            byte[] b = new byte[ids.length];
            for (int i = 0; i < ids.length; i++) b[i] = (byte) (ids[i] - 3);
            return new String(b, StandardCharsets.UTF_8);
        }
        @Override public int vocabSize() { return 259; }
        @Override public int bosId() { return 1; }
        @Override public int eosId() { return 2; }
        @Override public int padId() { return 0; }
    };

    static JudgmentMeta meta(String annotator, String guideline) {
        return new JudgmentMeta(annotator, Instant.EPOCH, guideline, Duration.ofSeconds(5), null);
    }

    /** One prompt, four completions: a 4-way ranking with a tied tier, a pairwise tie, a both-bad and a rating. */
    static DatasetItem item(String promptText, int variant) {
        Prompt p = Prompt.of(Conversation.ofUser(promptText), "general");
        List<Completion> cs = List.of("Sure, here it is.", "No.", "Maybe later.", "Here you go: done.").stream()
                .map(t -> Completion.of(p.id(), t + variant, Provenance.imported("test"))).toList();
        String a = cs.get(0).id(), b = cs.get(1).id(), c = cs.get(2).id(), d = cs.get(3).id();
        return new DatasetItem(p, cs, List.of(
                new RankingJudgment("r-" + promptText, p.id(), List.of(List.of(d), List.of(a, c), List.of(b)), meta("ann1", "v2")),
                new PairwiseJudgment("t-" + promptText, p.id(), a, c, PairwiseChoice.TIE, 0, meta("ann2", "v1")),
                new PairwiseJudgment("x-" + promptText, p.id(), b, c, PairwiseChoice.BOTH_BAD, 0, meta("ann2", "v2")),
                new RatingJudgment("q-" + promptText, p.id(), a, java.util.Map.of(io.rlhf4j.core.data.RubricDimension.HELPFULNESS, 5), 7, meta("ann3", "v3"))));
    }

    @Test
    void rankingsTiesAndBothBadBecomeGroupedComparisonsWithTheRepliesTokensOnly() {
        PreferenceData data = new PreferenceData(RoleMarkerTemplate.plainText(BYTES));
        data.add(item("Say hi", 0));
        List<PreferenceExample> ex = data.examples();
        // ranking [[d],[a,c],[b]]: d>a, d>c, d>b, a=c (tie tier), a>b, c>b = 6 pairs; plus the tie and the both-bad
        assertThat(ex).hasSize(8);
        assertThat(ex.stream().filter(e -> e.judgmentId().equals("r-Say hi"))).hasSize(6);
        assertThat(ex.stream().map(PreferenceExample::outcome).filter(o -> o == Outcome.TIE)).hasSize(2);
        assertThat(ex.stream().map(PreferenceExample::outcome).filter(o -> o == Outcome.BOTH_BAD)).hasSize(1);
        // first over last of the ranking is a strength-2 preference, neighbours strength 1
        PreferenceExample dOverB = ex.stream().filter(e -> BYTES.decode(e.chosen()).startsWith("Here you go")
                && BYTES.decode(e.rejected()).startsWith("No.")).findFirst().orElseThrow();
        assertThat(dOverB.strength()).isEqualTo(2);
        // the prompt ends with the assistant header; the response is the reply and its end of turn, nothing of the prompt
        assertThat(BYTES.decode(ex.get(0).prompt())).contains("Say hi").endsWith("Assistant: ");
        assertThat(ex.get(0).chosen()[ex.get(0).chosen().length - 1]).isEqualTo(BYTES.eosId());
        // every response of the ranking encodes to the same array (encoded once per item)
        Set<int[]> distinct = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        ex.forEach(e -> { distinct.add(e.chosen()); distinct.add(e.rejected()); });
        assertThat(distinct).hasSize(4);
        assertThat(data.guidelineVersions()).containsExactly("v1", "v2"); // the rating's v3 shaped no comparison
        assertThat(ex.stream().map(PreferenceExample::annotatorId).distinct()).containsExactlyInAnyOrder("ann1", "ann2");
    }

    @Test
    void theContentHashChangesWhenOneLabelChangesAndTheSplitNeverCutsAJudgment() {
        PreferenceData one = new PreferenceData(RoleMarkerTemplate.plainText(BYTES));
        PreferenceData same = new PreferenceData(RoleMarkerTemplate.plainText(BYTES));
        for (int i = 0; i < 40; i++) {
            one.add(item("prompt " + i, i));
            same.add(item("prompt " + i, i));
        }
        assertThat(one.contentSha256()).isEqualTo(same.contentSha256());
        PreferenceData flipped = new PreferenceData(RoleMarkerTemplate.plainText(BYTES));
        for (int i = 0; i < 40; i++) {
            DatasetItem it = item("prompt " + i, i);
            if (i == 17) { // the tie becomes a preference
                PairwiseJudgment tie = (PairwiseJudgment) it.judgments().get(1);
                List<io.rlhf4j.core.data.Judgment> js = new java.util.ArrayList<>(it.judgments());
                js.set(1, new PairwiseJudgment(tie.id(), tie.promptId(), tie.completionA(), tie.completionB(),
                        PairwiseChoice.A, 1, tie.meta()));
                it = new DatasetItem(it.prompt(), it.completions(), js);
            }
            flipped.add(it);
        }
        assertThat(flipped.contentSha256()).isNotEqualTo(one.contentSha256());

        PreferenceData.Split split = PreferenceData.split(one.examples(), 0.25, 7);
        Set<String> train = new HashSet<>(split.train().stream().map(PreferenceExample::judgmentId).toList());
        Set<String> held = new HashSet<>(split.heldOut().stream().map(PreferenceExample::judgmentId).toList());
        assertThat(train).doesNotContainAnyElementsOf(held);
        assertThat(held).hasSize(30); // 25% of 120 judgments
        assertThat(split.train().size() + split.heldOut().size()).isEqualTo(one.examples().size());
        assertThat(PreferenceData.split(one.examples(), 0.25, 7).heldOut()).isEqualTo(split.heldOut()); // seeded
        assertThat(Arrays.equals(one.examples().get(0).prompt(), same.examples().get(0).prompt())).isTrue();
    }

    @Test
    void tokenizedJudgmentsGiveTheSamePairsAsDatasetItemsWithTheCallersWeight() {
        DatasetItem item = item("Say hi", 0);
        List<PreferenceExample> fromItem = new PreferenceData(RoleMarkerTemplate.plainText(BYTES)).add(item).examples();
        List<PreferenceExample> fromJudgments = new java.util.ArrayList<>();
        int[] prompt = fromItem.get(0).prompt();
        java.util.Map<String, int[]> tokens = new java.util.HashMap<>();
        for (var c : item.comparisons()) {
            tokens.putIfAbsent(c.chosenId(), BYTES.encode(c.chosenId()));
            tokens.putIfAbsent(c.rejectedId(), BYTES.encode(c.rejectedId()));
        }
        for (var j : item.judgments()) fromJudgments.addAll(PreferenceData.examples(j, prompt, tokens::get, 0.5));
        assertThat(fromJudgments).hasSameSizeAs(fromItem);
        for (int k = 0; k < fromItem.size(); k++) {
            PreferenceExample a = fromItem.get(k), b = fromJudgments.get(k);
            var c = item.comparisons().get(k);
            assertThat(b.promptId()).isEqualTo(item.prompt().id()).isEqualTo(a.promptId());
            assertThat(b.chosen()).isEqualTo(tokens.get(c.chosenId()));
            assertThat(b.rejected()).isEqualTo(tokens.get(c.rejectedId()));
            assertThat(List.of(b.outcome(), b.strength(), b.judgmentId(), b.annotatorId()))
                    .isEqualTo(List.of(a.outcome(), a.strength(), a.judgmentId(), a.annotatorId()));
            assertThat(b.weight()).isEqualTo(0.5);
        }
    }
}
