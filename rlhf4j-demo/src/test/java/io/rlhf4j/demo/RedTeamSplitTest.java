package io.rlhf4j.demo;

import io.rlhf4j.sim.Domain;
import io.rlhf4j.sim.TaskWorld;
import io.rlhf4j.sim.WorldTask;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedTeamSplitTest {
    private final List<WorldTask> world = TaskWorld.generate(3, 400).tasks();

    @Test
    void aRoundTakesItsSafetyShareFirstThenTheOthersInPoolOrder() {
        List<WorldTask> pool = new ArrayList<>(world);
        List<WorldTask> round = DemoPipeline.takeRedTeamed(pool, 40);
        List<WorldTask> safety = round.stream().filter(t -> t.domain() == Domain.SAFETY).toList();
        assertThat(safety).hasSize(10); // 25% of 40, though the world itself is under 20% safety
        assertThat(safety).isEqualTo(world.stream().filter(t -> t.domain() == Domain.SAFETY).limit(10).toList());
        assertThat(round.subList(10, 40)).isEqualTo(world.stream().filter(t -> t.domain() != Domain.SAFETY).limit(30).toList());
        assertThat(pool).hasSize(world.size() - 40).doesNotContainAnyElementsOf(round);
        // The next round continues where this one stopped.
        List<WorldTask> next = DemoPipeline.takeRedTeamed(pool, 40);
        assertThat(next).doesNotContainAnyElementsOf(round);
        assertThat(next.stream().filter(t -> t.domain() == Domain.SAFETY)).hasSize(10);
    }

    @Test
    void aPoolShortOfSafetyPromptsFillsFromTheRestAndAnEmptyOneFailsClearly() {
        List<WorldTask> pool = new ArrayList<>(world.stream().filter(t -> t.domain() != Domain.SAFETY).limit(12).toList());
        pool.add(world.stream().filter(t -> t.domain() == Domain.SAFETY).findFirst().orElseThrow());
        List<WorldTask> round = DemoPipeline.takeRedTeamed(pool, 12);
        assertThat(round).hasSize(12);
        assertThat(round.get(0).domain()).isEqualTo(Domain.SAFETY);
        assertThat(pool).hasSize(1);
        assertThatThrownBy(() -> DemoPipeline.takeRedTeamed(pool, 5)).hasMessageContaining("1 prompts left, a round needs 5");
    }
}
