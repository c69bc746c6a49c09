package io.rlhf4j.sim.stories;

import io.rlhf4j.core.data.ExpertiseLevel;
import io.rlhf4j.core.data.PairwiseChoice;
import io.rlhf4j.sim.AnnotatorProfile;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoryGoldJudgeTest {
    private final StoryGoldJudge judge = new StoryGoldJudge();
    private final StoryWorld world = StoryWorld.generate(7, 200);
    private final StoryPrompt lily = world.prompts().stream().filter(p -> p.character().equals("Lily")).findFirst().orElseThrow();

    private double total(String text) {
        return judge.score(lily, text).total();
    }

    @Test
    void aHappyGentleOnTopicStoryBeatsAPlainOneWhichBeatsAViolentOneThatWandersOff() {
        String o = lily.object();
        String good = "Lily played with the " + o + " in the park. Lily shared the " + o + " with her friend, and they laughed. They were happy.";
        String plain = "Lily took the " + o + " to the park. She put it under a tree and went to look at the birds and the clouds.";
        String bad = "A big dog bit Tom. Tom hit the dog and it broke the window. Then everyone was sad and cried.";
        StoryScore g = judge.score(lily, good), p = judge.score(lily, plain), b = judge.score(lily, bad);
        assertThat(g.total()).isGreaterThan(p.total() + 0.2);
        assertThat(p.total()).isGreaterThan(b.total() + 0.2);
        assertThat(g.happyEnding()).isEqualTo(1.0);
        assertThat(g.keepsToCast()).isEqualTo(1.0);
        assertThat(b.gentleness()).isLessThanOrEqualTo(0.0);
        assertThat(b.keepsToCast()).isZero();
        assertThat(p.happyEnding()).isZero();
    }

    @Test
    void componentsAreGradedSoOneStepBetterScoresAStepHigher() {
        String base = "Lily went to the park with her mom. They looked at the ducks on the pond and walked home after lunch.";
        String oneHappy = "Lily was happy to go to the park with her mom. They looked at the ducks on the pond and walked home after lunch.";
        String happyEnd = "Lily went to the park with her mom. They looked at the ducks on the pond and walked home. She was happy.";
        String oneSad = "Lily went to the park with her mom. They looked at the ducks on the pond and she was sad. They walked home after lunch.";
        assertThat(total(oneHappy)).isGreaterThan(total(base));
        assertThat(total(happyEnd)).isGreaterThan(total(oneHappy));
        assertThat(total(oneSad)).isLessThan(total(base)).isGreaterThan(total(base) - 0.1);
        // Another of the world's names costs a quarter of the cast score; the character named twice earns it back.
        assertThat(judge.score(lily, base.replace("her mom", "Tom")).keepsToCast())
                .isCloseTo(judge.score(lily, base).keepsToCast() - 0.25, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(judge.score(lily, base + " Lily slept.").keepsToCast()).isGreaterThan(judge.score(lily, base).keepsToCast());
    }

    @Test
    void repetitionLengthAndEndingsCount() {
        String once = "The bunny was very happy and played with her friends in the sun.";
        String loop = "The bunny was very happy. The bunny was very happy. The bunny was very happy. The bunny was very happy.";
        assertThat(judge.score(lily, once).variety()).isEqualTo(1.0);
        assertThat(judge.score(lily, loop).variety()).isLessThan(0.3);
        assertThat(judge.score(lily, "Lily smiled.").length()).isLessThan(0.5);
        String cut = "Lily went to the park with her mom and they looked at the ducks on the pond and then they walked";
        assertThat(judge.score(lily, cut + " home.").length()).isGreaterThan(judge.score(lily, cut).length());
        StoryScore empty = judge.score(lily, "  ");
        assertThat(empty.total()).isLessThan(0.4);
        assertThat(judge.prefersA(lily, once, once)).isNull();
    }

    @Test
    void theWorldIsSeededDistinctAndNamesCharacterAndObjectInEachOpening() {
        StoryWorld again = StoryWorld.generate(7, 200);
        assertThat(again.prompts()).isEqualTo(world.prompts());
        Set<String> ids = new HashSet<>();
        for (StoryPrompt p : world.prompts()) {
            ids.add(p.promptId());
            assertThat(p.opening()).contains(p.character()).contains(p.object());
            assertThat(p.prompt().domain()).isEqualTo(StoryWorld.DOMAIN);
            assertThat(world.prompt(p.promptId())).isSameAs(p);
        }
        assertThat(ids).hasSize(200);
        assertThat(StoryWorld.generate(8, 200).prompts()).isNotEqualTo(world.prompts());
        assertThatThrownBy(() -> world.prompt("nope")).hasMessageContaining("not in this story world");
        Random r = new Random(1);
        for (StoryPrompt p : world.prompts().subList(0, 30)) {
            assertThat(judge.score(p, StoryWorld.goodStory(p, r)).total()).isGreaterThan(0.8);
            assertThat(judge.score(p, StoryWorld.badStory(p, r)).total()).isLessThan(0.35);
        }
    }

    @Test
    void anExpertAgreesWithGoldFarMoreOftenThanAGeneralistAndASpammerAlwaysSaysA() {
        String o = lily.object();
        String better = "Lily played with the " + o + " and her friend. They were happy.";
        String worse = "Lily played with the " + o + " and her friend. They were sad.";
        StoryAnnotator expert = new StoryAnnotator(AnnotatorProfile.expert("e"), ExpertiseLevel.EXPERT, judge, 7);
        StoryAnnotator generalist = new StoryAnnotator(AnnotatorProfile.generalist("g"), ExpertiseLevel.GENERALIST, judge, 7);
        StoryAnnotator spammer = new StoryAnnotator(AnnotatorProfile.spammer("s"), ExpertiseLevel.GENERALIST, judge, 7);
        int expertRight = 0, generalistRight = 0;
        for (int i = 0; i < 400; i++) {
            boolean flip = i % 2 == 0;
            String a = flip ? worse : better, b = flip ? better : worse;
            PairwiseChoice right = flip ? PairwiseChoice.B : PairwiseChoice.A;
            if (expert.judgePair(lily, a, b).choice() == right) expertRight++;
            if (generalist.judgePair(lily, a, b).choice() == right) generalistRight++;
            assertThat(spammer.judgePair(lily, a, b).choice()).isEqualTo(PairwiseChoice.A);
        }
        // Gold separates the two by 0.1: log-odds 2 for an expert (T 0.05, 88%), 0.33 for a generalist (T 0.3, 58%).
        assertThat(expertRight).isGreaterThan(330);
        assertThat(generalistRight).isBetween(200, 300);
        assertThat(List.of(StoryPanel.standard().size())).containsExactly(9);
    }
}
