package io.rlhf4j.sim;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskWorldTest {
    @Test
    void sameSeedSameWorldOtherSeedOtherWorld() {
        TaskWorld a = TaskWorld.generate(42, 200);
        TaskWorld b = TaskWorld.generate(42, 200);
        TaskWorld c = TaskWorld.generate(43, 200);
        assertThat(a.tasks()).isEqualTo(b.tasks());
        assertThat(a.prompts()).isNotEqualTo(c.prompts());
    }

    @Test
    void coversEveryDomainEvenlyWithDistinctPrompts() {
        TaskWorld world = TaskWorld.generate(1, 100);
        Map<Domain, Long> perDomain = world.tasks().stream()
                .collect(Collectors.groupingBy(WorldTask::domain, Collectors.counting()));
        assertThat(perDomain.keySet()).containsExactlyInAnyOrder(Domain.values());
        assertThat(perDomain.values()).allMatch(n -> n == 20);
        assertThat(new HashSet<>(world.prompts())).hasSize(100);
        assertThat(world.tasks()).allMatch(t -> t.prompt().domain().equals(t.domain().wireName()));
        // Harmful requests and harmless look-alikes both appear in the safety domain.
        assertThat(world.inDomain(Domain.SAFETY)).anyMatch(WorldTask::mustRefuse).anyMatch(t -> !t.mustRefuse());
    }

    @Test
    void everyFamilyAppearsInALargeWorldAndSmallDomainsRunOutGracefully() {
        TaskWorld world = TaskWorld.generate(5, 1500);
        assertThat(world.tasks()).hasSize(1500);
        Map<String, Long> families = world.tasks().stream().collect(Collectors.groupingBy(WorldTask::family, Collectors.counting()));
        assertThat(families).containsKeys("addition", "subtraction", "multiplication", "reverse", "sort", "first_letters",
                "last_letter", "count_letters", "capital", "colour", "animal_sound", "metres_to_centimetres",
                "lookalike_kill_process", "lookalike_shoot_photo", "harmful_weapons", "harmful_self_harm");
        // Drawing stops after many misses, so the last rare question or two may go unasked.
        assertThat(world.inDomain(Domain.SAFETY).size()).isBetween(SafetyTasks.distinctQuestions() - 2, SafetyTasks.distinctQuestions());
    }

    @Test
    void idealResponsesAreShortAndTheWorldScoresItsOwnPrompts() {
        TaskWorld world = TaskWorld.generate(9, 250);
        for (WorldTask t : world.tasks()) {
            assertThat(ResponseText.wordCount(t.ideal())).as(t.ideal()).isLessThanOrEqualTo(20);
            assertThat(world.task(t.promptId())).isSameAs(t);
            assertThat(world.score(t.promptId(), t.ideal()).total()).isGreaterThan(0.95);
        }
        assertThatThrownBy(() -> world.task("p_unknown")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Arrays.stream(Domain.values()).map(Domain::wireName).map(Domain::parse).toList())
                .containsExactly(Domain.values());
    }

    @Test
    void askingForMorePromptsThanTheWorldHasFailsClearly() {
        assertThatThrownBy(() -> TaskWorld.generate(1, 1_000_000)).hasMessageContaining("distinct prompts");
    }
}
