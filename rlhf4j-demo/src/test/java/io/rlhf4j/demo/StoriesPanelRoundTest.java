package io.rlhf4j.demo;

import io.rlhf4j.core.data.Completion;
import io.rlhf4j.core.data.PairwiseChoice;
import io.rlhf4j.core.data.PairwiseJudgment;
import io.rlhf4j.core.data.Provenance;
import io.rlhf4j.sim.stories.StoryPanel;
import io.rlhf4j.sim.stories.StoryPrompt;
import io.rlhf4j.sim.stories.StoryWorld;
import io.rlhf4j.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The story panel through the platform on fixed stories (no model): repeatable from its seed, and its labels follow gold. */
class StoriesPanelRoundTest {
    @TempDir
    Path dir;

    private PanelRound.Result collect(String name) {
        StoriesConfig config = StoriesConfig.micro();
        StoryWorld world = StoryWorld.generate(config.seed(), 80);
        List<StoryPrompt> known = world.prompts().subList(0, 14), open = world.prompts().subList(14, 54);
        Random random = new Random(3);
        List<PanelRound.Candidate> candidates = new ArrayList<>();
        Provenance provenance = Provenance.model("fixed", null, null);
        for (StoryPrompt p : open) {
            // Three stories per opening of clearly different quality, and one plain: pairs gold mostly decides.
            for (String text : List.of(StoryWorld.goodStory(p, random), StoryWorld.badStory(p, random),
                    p.character() + " went for a walk and looked at the trees and the sky.")) {
                candidates.add(new PanelRound.Candidate(Completion.of(p.promptId(), text, provenance), new int[] {1}, new int[] {2}));
            }
        }
        try (Store store = Store.open("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1")) {
            return new StoriesPanelRound(store, world, StoryPanel.standard(), config, known).collect(candidates, n -> {});
        }
    }

    @Test
    void theSameSeedGivesTheSameLabelsAndTheWeightedLabelsAgreeWithGold() {
        PanelRound.Result first = collect("first"), second = collect("second");
        assertThat(first.labels()).isNotEmpty();
        assertThat(second.labels().stream().map(PairwiseJudgment::choice).toList())
                .isEqualTo(first.labels().stream().map(PairwiseJudgment::choice).toList());
        assertThat(second.labels().stream().map(j -> j.meta().annotatorId()).toList())
                .isEqualTo(first.labels().stream().map(j -> j.meta().annotatorId()).toList());
        assertThat(first.weightedAccuracy()).isGreaterThan(0.85);
        assertThat(first.labels().stream().filter(j -> j.choice() == PairwiseChoice.A || j.choice() == PairwiseChoice.B).count())
                .isGreaterThan(first.labels().size() / 2);
    }
}
