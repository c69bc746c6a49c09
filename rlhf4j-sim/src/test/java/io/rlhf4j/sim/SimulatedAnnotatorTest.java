package io.rlhf4j.sim;

import io.rlhf4j.core.data.Completion;
import io.rlhf4j.core.data.PairwiseChoice;
import io.rlhf4j.core.data.PairwiseJudgment;
import io.rlhf4j.core.data.RankingJudgment;
import io.rlhf4j.core.data.RubricDimension;
import io.rlhf4j.core.data.SafetyFlag;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatedAnnotatorTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final TaskWorld WORLD = TaskWorld.generate(11, 600);
    private static final GoldJudge GOLD = WORLD.gold();

    record Pair(WorldTask task, Completion a, Completion b, PairwiseChoice gold) {}

    /**
     * Random pairs shown in random order: three per task, twelve per task of the small domains (facts,
     * units and safety have only 40..64 distinct prompts), which gives 200+ decisive pairs in every domain.
     */
    private static final List<Pair> PAIRS = pairs();

    private static List<Pair> pairs() {
        CandidateSampler sampler = new CandidateSampler(5);
        List<Pair> out = new ArrayList<>();
        for (WorldTask t : WORLD.tasks()) {
            for (int i = 0; i < (WORLD.inDomain(t.domain()).size() < 100 ? 12 : 3); i++) {
                List<Completion> two = sampler.sample(t, 2);
                out.add(new Pair(t, two.get(0), two.get(1), GOLD.prefer(t, two.get(0).text(), two.get(1).text())));
            }
        }
        return out;
    }

    private static boolean decisive(Pair p) {
        return p.gold() == PairwiseChoice.A || p.gold() == PairwiseChoice.B;
    }

    private static double accuracy(SimulatedAnnotator annotator, Predicate<Pair> which) {
        int right = 0, n = 0;
        for (Pair p : PAIRS) {
            if (!decisive(p) || !which.test(p)) continue;
            n++;
            if (annotator.compare(p.task(), p.a(), p.b(), NOW).choice() == p.gold()) right++;
        }
        assertThat(n).as("sample size").isGreaterThan(150);
        return (double) right / n;
    }

    private static SimulatedAnnotator annotator(AnnotatorProfile profile) {
        return new SimulatedAnnotator(profile, GOLD, 99);
    }

    @Test
    void expertsAgreeWithGoldInTheirDomainRandomClickersAtChance() {
        for (Domain d : Domain.values()) {
            double expert = accuracy(annotator(AnnotatorProfile.expert("e-" + d.wireName(), d)), p -> p.task().domain() == d);
            assertThat(expert).as("expert accuracy in %s", d).isGreaterThanOrEqualTo(0.85);
            System.out.printf("accuracy vs gold: expert in %s %.3f%n", d, expert);
        }
        double careless = accuracy(annotator(AnnotatorProfile.careless("c")), p -> true);
        assertThat(careless).as("careless accuracy").isBetween(0.45, 0.55);
        double generalist = accuracy(annotator(AnnotatorProfile.generalist("g")), p -> true);
        assertThat(generalist).as("generalist accuracy").isBetween(0.6, 0.85);
        // Order is random, so the spammer's "always A" is right about half the time.
        double spammer = accuracy(annotator(AnnotatorProfile.spammer("s")), p -> true);
        assertThat(spammer).isBetween(0.42, 0.58);
        System.out.printf("accuracy vs gold: careless %.3f generalist %.3f spammer %.3f%n", careless, generalist, spammer);
    }

    @Test
    void expertiseMattersOutsideTheDomainToo() {
        SimulatedAnnotator arithmeticExpert = annotator(AnnotatorProfile.expert("e", Domain.ARITHMETIC));
        double inDomain = accuracy(arithmeticExpert, p -> p.task().domain() == Domain.ARITHMETIC);
        double outside = accuracy(arithmeticExpert, p -> p.task().domain() != Domain.ARITHMETIC);
        assertThat(inDomain).isGreaterThan(outside + 0.03);
    }

    @Test
    void positionBiasedAnnotatorsPickAMoreOften() {
        SimulatedAnnotator biased = annotator(AnnotatorProfile.positionBiased("pb"));
        SimulatedAnnotator plain = annotator(AnnotatorProfile.generalist("g"));
        int biasedA = 0, plainA = 0;
        for (Pair p : PAIRS) {
            if (biased.compare(p.task(), p.a(), p.b(), NOW).choice() == PairwiseChoice.A) biasedA++;
            if (plain.compare(p.task(), p.a(), p.b(), NOW).choice() == PairwiseChoice.A) plainA++;
        }
        assertThat((double) biasedA / PAIRS.size()).isGreaterThan((double) plainA / PAIRS.size() + 0.05);
        SimulatedAnnotator spammer = annotator(AnnotatorProfile.spammer("s"));
        assertThat(PAIRS.stream().limit(100).map(p -> spammer.compare(p.task(), p.a(), p.b(), NOW)))
                .allMatch(j -> j.choice() == PairwiseChoice.A && j.strength() == 3);
    }

    @Test
    void majorityOfExpertsBeatsMajorityOfGeneralists() {
        List<SimulatedAnnotator> experts = new ArrayList<>(), generalists = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            experts.add(annotator(AnnotatorProfile.expert("e" + i, Domain.values())));
            generalists.add(annotator(AnnotatorProfile.generalist("g" + i)));
        }
        int expertRight = 0, generalRight = 0, n = 0;
        for (Pair p : PAIRS) {
            if (!decisive(p)) continue;
            n++;
            if (majority(experts, p) == p.gold()) expertRight++;
            if (majority(generalists, p) == p.gold()) generalRight++;
        }
        assertThat((double) expertRight / n).isGreaterThan((double) generalRight / n + 0.05);
    }

    private static PairwiseChoice majority(List<SimulatedAnnotator> panel, Pair p) {
        int votesA = 0, votesB = 0;
        for (SimulatedAnnotator a : panel) {
            PairwiseChoice c = a.compare(p.task(), p.a(), p.b(), NOW).choice();
            if (c == PairwiseChoice.A) votesA++;
            if (c == PairwiseChoice.B) votesB++;
        }
        return votesA > votesB ? PairwiseChoice.A : votesB > votesA ? PairwiseChoice.B : PairwiseChoice.TIE;
    }

    @Test
    void strengthGrowsWithTheGoldGapAndBothBadIsUsedForTwoEquallyBadResponses() {
        SimulatedAnnotator expert = annotator(AnnotatorProfile.expert("e", Domain.values()));
        double smallGap = 0, largeGap = 0;
        int small = 0, large = 0, bothBadPairs = 0, saidBothBad = 0, goodPairs = 0, goodSaidBothBad = 0;
        int lessBadPairs = 0, pickedLessBad = 0;
        for (Pair p : PAIRS) {
            PairwiseJudgment j = expert.compare(p.task(), p.a(), p.b(), NOW);
            GoldScore ga = GOLD.score(p.task(), p.a().text()), gb = GOLD.score(p.task(), p.b().text());
            double gap = Math.abs(ga.total() - gb.total());
            if (p.gold() == PairwiseChoice.BOTH_BAD && gap < 0.03) {
                bothBadPairs++;
                if (j.choice() == PairwiseChoice.BOTH_BAD) saidBothBad++;
            }
            if (!ga.acceptable() && !gb.acceptable() && gap > 0.2) {
                // both bad, one clearly less so: the expert says which (InstructGPT ranks bad outputs too)
                lessBadPairs++;
                if (j.choice() == (ga.total() > gb.total() ? PairwiseChoice.A : PairwiseChoice.B)) pickedLessBad++;
            }
            if (decisive(p)) {
                goodPairs++;
                if (j.choice() == PairwiseChoice.BOTH_BAD) goodSaidBothBad++;
            }
            if (j.choice() != PairwiseChoice.A && j.choice() != PairwiseChoice.B) continue;
            if (gap < 0.2) { smallGap += j.strength(); small++; }
            if (gap > 0.5) { largeGap += j.strength(); large++; }
        }
        assertThat(largeGap / large).isGreaterThan(smallGap / small + 0.5);
        assertThat(bothBadPairs).isGreaterThan(10);
        assertThat(lessBadPairs).isGreaterThan(10);
        // A wrong answer (gold 0.43) sits just under the acceptance line, so some are let through as A/B or tie.
        assertThat((double) saidBothBad / bothBadPairs).isGreaterThan(0.6);
        assertThat((double) pickedLessBad / lessBadPairs).isGreaterThan(0.9);
        assertThat((double) goodSaidBothBad / goodPairs).isLessThan(0.1);
    }

    @Test
    void rankingsRatingsAndFlagsFollowGoldForExperts() {
        SimulatedAnnotator expert = annotator(AnnotatorProfile.expert("e", Domain.values()));
        CandidateSampler sampler = new CandidateSampler(8);
        int agree = 0, pairs = 0;
        double accuracyRatingRight = 0, accuracyRatingWrong = 0;
        int right = 0, wrong = 0, harmful = 0, flaggedHarmful = 0, flaggedIdeal = 0;
        List<WorldTask> tasks = new ArrayList<>(WORLD.tasks());
        tasks.addAll(WORLD.inDomain(Domain.SAFETY)); // twice more: few prompts, and flags need harmful samples
        tasks.addAll(WORLD.inDomain(Domain.SAFETY));
        for (WorldTask t : tasks) {
            List<Completion> four = sampler.sample(t, 4);
            RankingJudgment ranking = expert.rank(t, four, NOW);
            List<String> order = ranking.completionIds();
            for (int i = 0; i < order.size(); i++) {
                for (int j = i + 1; j < order.size(); j++) {
                    double gi = WORLD.score(t.promptId(), text(four, order.get(i))).total();
                    double gj = WORLD.score(t.promptId(), text(four, order.get(j))).total();
                    if (Math.abs(gi - gj) < GoldJudge.DECISIVE_GAP) continue;
                    pairs++;
                    if (gi > gj) agree++;
                }
            }
            for (Completion c : four) {
                GoldScore g = GOLD.score(t, c.text());
                int rating = expert.rate(t, c, NOW).scores().get(RubricDimension.ACCURACY);
                if (g.correctness() == 1) { accuracyRatingRight += rating; right++; }
                if (g.correctness() < 0.2) { accuracyRatingWrong += rating; wrong++; }
                Optional<SafetyFlag> flag = expert.review(t, c, NOW);
                if (g.safety() == 0) {
                    harmful++;
                    if (flag.isPresent() && flag.get().category() == t.harmCategory()) flaggedHarmful++;
                }
                if (c.text().equals(t.ideal()) && flag.isPresent()) flaggedIdeal++;
            }
        }
        assertThat((double) agree / pairs).as("ranking pairs in gold order").isGreaterThan(0.85);
        assertThat(accuracyRatingRight / right - accuracyRatingWrong / wrong).isGreaterThan(2.5);
        assertThat(harmful).isGreaterThan(50);
        assertThat((double) flaggedHarmful / harmful).isGreaterThan(0.9);
        assertThat(flaggedIdeal).isZero();
    }

    private static String text(List<Completion> cs, String id) {
        return cs.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow().text();
    }

    @Test
    void reproducibleFromTheSeedAndSpammersAreFast() {
        List<PairwiseJudgment> first = new ArrayList<>(), second = new ArrayList<>();
        SimulatedAnnotator one = annotator(AnnotatorProfile.generalist("g")), two = annotator(AnnotatorProfile.generalist("g"));
        for (Pair p : PAIRS.subList(0, 200)) {
            first.add(one.compare(p.task(), p.a(), p.b(), NOW));
            second.add(two.compare(p.task(), p.a(), p.b(), NOW));
        }
        assertThat(first).isEqualTo(second);
        SimulatedAnnotator expert = annotator(AnnotatorProfile.expert("e", Domain.values()));
        SimulatedAnnotator spammer = annotator(AnnotatorProfile.spammer("s"));
        double expertSeconds = 0, spammerSeconds = 0;
        for (Pair p : PAIRS.subList(0, 200)) {
            PairwiseJudgment e = expert.compare(p.task(), p.a(), p.b(), NOW);
            expertSeconds += e.meta().timeSpent().toMillis() / 1000.0;
            spammerSeconds += spammer.compare(p.task(), p.a(), p.b(), NOW).meta().timeSpent().toMillis() / 1000.0;
            assertThat(e.meta().justification()).isNotBlank();
        }
        assertThat(spammerSeconds * 5).isLessThan(expertSeconds);
    }
}
