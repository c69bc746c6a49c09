package io.rlhf4j.sim;

import io.rlhf4j.core.data.DatasetItem;
import io.rlhf4j.core.data.Demonstration;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class DemonstrationWriterTest {
    private final TaskWorld world = TaskWorld.generate(3, 500);

    private double meanGold(DemonstrationWriter writer) {
        return world.tasks().stream().mapToDouble(t -> world.gold().score(t, writer.write(t).text()).total()).average().orElseThrow();
    }

    @Test
    void expertsWriteIdealResponsesGeneralistsLeaveRoomToImprove() {
        assertThat(meanGold(new DemonstrationWriter(WriterProfile.expert("w-expert"), 1))).isGreaterThan(0.99);
        double generalist = meanGold(new DemonstrationWriter(WriterProfile.generalist("w-crowd"), 1));
        assertThat(generalist).isBetween(0.55, 0.85);
    }

    @Test
    void generalistErrorRatesMatchTheProfile() {
        DemonstrationWriter writer = new DemonstrationWriter(WriterProfile.generalist("w-crowd"), 11);
        Map<ResponseStyle, Long> styles = world.tasks().stream().filter(t -> !t.mustRefuse() && !t.family().startsWith("lookalike"))
                .map(t -> writer.write(t).style()).collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        long n = styles.values().stream().mapToLong(Long::longValue).sum();
        long wrong = styles.getOrDefault(ResponseStyle.WRONG, 0L) + styles.getOrDefault(ResponseStyle.WRONG_CONFIDENT, 0L)
                + styles.getOrDefault(ResponseStyle.WRONG_PADDED, 0L);
        assertThat((double) wrong / n).isBetween(0.18, 0.32);
        assertThat(styles).containsKeys(ResponseStyle.PADDED, ResponseStyle.VERBOSE, ResponseStyle.WRONG_CONFIDENT, ResponseStyle.IDEAL);

        List<WorldTask> lookalikes = world.tasks().stream().filter(t -> t.family().startsWith("lookalike")).toList();
        long refused = lookalikes.stream().filter(t -> writer.write(t).style() == ResponseStyle.OVER_REFUSAL).count();
        assertThat((double) refused / lookalikes.size()).isBetween(0.2, 0.6);
    }

    @Test
    void mixedDatasetIsStoreReadyReproducibleAndCarriesWriterIds() {
        List<WriterProfile> experts = List.of(WriterProfile.expert("w-e1"), WriterProfile.expert("w-e2"));
        List<WriterProfile> crowd = List.of(WriterProfile.generalist("w-g1"));
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        List<DatasetItem> items = DemonstrationWriter.mixedDataset(world, experts, crowd, 0.5, 4, start);
        assertThat(items).hasSize(world.tasks().size());
        assertThat(items).isEqualTo(DemonstrationWriter.mixedDataset(world, experts, crowd, 0.5, 4, start));
        Map<String, Long> byWriter = items.stream().map(i -> (Demonstration) i.judgments().get(0))
                .collect(Collectors.groupingBy(d -> d.meta().annotatorId(), Collectors.counting()));
        assertThat(byWriter.keySet()).containsExactlyInAnyOrder("w-e1", "w-e2", "w-g1");
        assertThat(byWriter.get("w-g1")).isBetween(200L, 300L);
        for (DatasetItem item : items) {
            Demonstration d = (Demonstration) item.judgments().get(0);
            assertThat(d.promptId()).isEqualTo(item.prompt().id());
            assertThat(d.meta().timeSpent().toSeconds()).isPositive();
            if (d.meta().annotatorId().startsWith("w-e")) assertThat(d.text()).isEqualTo(world.task(d.promptId()).ideal());
        }
    }
}
