package io.rlhf4j.store.testing;

import io.rlhf4j.core.data.Annotator;
import io.rlhf4j.core.data.Completion;
import io.rlhf4j.core.data.Conversation;
import io.rlhf4j.core.data.DatasetItem;
import io.rlhf4j.core.data.Demonstration;
import io.rlhf4j.core.data.ExpertiseLevel;
import io.rlhf4j.core.data.Ids;
import io.rlhf4j.core.data.Judgment;
import io.rlhf4j.core.data.JudgmentMeta;
import io.rlhf4j.core.data.PairwiseChoice;
import io.rlhf4j.core.data.PairwiseJudgment;
import io.rlhf4j.core.data.PolicyCategory;
import io.rlhf4j.core.data.Prompt;
import io.rlhf4j.core.data.Provenance;
import io.rlhf4j.core.data.RankingJudgment;
import io.rlhf4j.core.data.RatingJudgment;
import io.rlhf4j.core.data.RubricDimension;
import io.rlhf4j.core.data.SafetyFlag;
import io.rlhf4j.core.data.SamplingSettings;
import io.rlhf4j.core.data.Severity;
import io.rlhf4j.core.data.Turn;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Small, fully-populated preference data for tests: every judgment kind, every optional field set
 * (and unset), awkward text (unicode, quotes, newlines, trailing spaces) that must survive byte for byte.
 */
public final class SampleData {
    public static final Instant T0 = Instant.parse("2026-03-01T09:15:30.123456Z");

    private SampleData() {}

    public static Annotator annotator(String id) {
        return new Annotator(id, "Annotator " + id, Map.of("arithmetic", ExpertiseLevel.EXPERT, "safety", ExpertiseLevel.GENERALIST));
    }

    /** A prompt ({@code n} varies the content) with four completions and one judgment of every kind by {@code annotatorId}. */
    public static DatasetItem itemWithEveryKind(int n, String annotatorId) {
        Prompt prompt = Prompt.of(new Conversation(List.of(
                Turn.system("You are terse.  "),
                Turn.user("What is " + n + " + 2?\n\"quoted\" ünïcödé ✓"),
                Turn.assistant("Do you want the digits?"),
                Turn.user("yes  \n"))), "arithmetic");
        Completion a = Completion.of(prompt.id(), String.valueOf(n + 2),
                Provenance.model("gpt2-small", "ckpt-0042", new SamplingSettings(0.7, 50, 0.95, 64, 1234567890123L)));
        Completion b = Completion.of(prompt.id(), "It is " + (n + 3) + ".  ",
                Provenance.model("gpt2-small", null, new SamplingSettings(1.0, null, null, null, null)));
        Completion c = Completion.of(prompt.id(), "\n\nI won't answer.", Provenance.imported("hh-rlhf"));
        Completion d = Completion.of(prompt.id(), "Four-ish 🙂", Provenance.human(annotatorId));
        JudgmentMeta full = new JudgmentMeta(annotatorId, T0.plusSeconds(n), "v3.1", Duration.ofMillis(41_250),
                "A is correct; B is off by one.");
        JudgmentMeta bare = JudgmentMeta.of(annotatorId, T0.plusSeconds(n + 1));
        List<Judgment> judgments = List.of(
                new PairwiseJudgment(id("pw", n), prompt.id(), a.id(), b.id(), PairwiseChoice.A, 3, full),
                new PairwiseJudgment(id("tie", n), prompt.id(), b.id(), c.id(), PairwiseChoice.TIE, 0, bare),
                new PairwiseJudgment(id("bad", n), prompt.id(), c.id(), d.id(), PairwiseChoice.BOTH_BAD, 0, bare),
                new RankingJudgment(id("rk", n), prompt.id(), List.of(List.of(a.id()), List.of(b.id(), d.id()), List.of(c.id())), full),
                new RatingJudgment(id("rt", n), prompt.id(), a.id(),
                        Map.of(RubricDimension.HELPFULNESS, 7, RubricDimension.ACCURACY, 6, RubricDimension.VERBOSITY, 4), 7, full),
                new SafetyFlag(id("sf", n), prompt.id(), c.id(), PolicyCategory.DANGEROUS_ADVICE, Severity.HIGH,
                        full.withJustification("refuses, but tells how elsewhere")),
                new Demonstration(id("dm", n), prompt.id(), "The answer is " + (n + 2) + ".", a.id(), full),
                new Demonstration(id("dm0", n), prompt.id(), "From scratch: " + (n + 2), null, bare));
        return new DatasetItem(prompt, List.of(a, b, c, d), judgments);
    }

    /** A plain HH-style item: one prompt, chosen and rejected completions, one pairwise judgment. */
    public static DatasetItem pair(int n, String annotatorId) {
        Prompt prompt = Prompt.of(Conversation.ofUser("question " + n), null);
        Completion chosen = Completion.of(prompt.id(), "good answer " + n, Provenance.imported("test"));
        Completion rejected = Completion.of(prompt.id(), "bad answer " + n, Provenance.imported("test"));
        PairwiseJudgment j = new PairwiseJudgment(Ids.derived("j", "pair", String.valueOf(n)), prompt.id(), chosen.id(),
                rejected.id(), PairwiseChoice.A, 1, JudgmentMeta.of(annotatorId, T0));
        return new DatasetItem(prompt, List.of(chosen, rejected), List.of(j));
    }

    private static String id(String kind, int n) {
        return Ids.derived("j", kind, String.valueOf(n));
    }
}
