package io.rlhf4j.sim;

import io.rlhf4j.core.data.DatasetItem;
import io.rlhf4j.core.data.Demonstration;
import io.rlhf4j.core.data.Ids;
import io.rlhf4j.core.data.JudgmentMeta;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes demonstrations (SFT data) in the manner of one {@link WriterProfile}. Output is
 * {@link DatasetItem}s holding a {@link Demonstration} with the writer's annotator id, so simulated
 * data enters the store through the same import path as real data.
 */
public final class DemonstrationWriter {
    public static final String GUIDELINES = "sim-demonstrations-v1";

    /** One written response and the style it came out in (the style is for tests and reports, not the store). */
    public record Written(ResponseStyle style, String text) {}

    private final WriterProfile profile;
    private final Random random;

    public DemonstrationWriter(WriterProfile profile, long seed) {
        this.profile = profile;
        this.random = new Random(seed ^ profile.annotatorId().hashCode());
    }

    public WriterProfile profile() {
        return profile;
    }

    public Written write(WorldTask task) {
        ResponseStyle style = chooseStyle(task);
        return new Written(style, Responses.render(task, style, random));
    }

    /** The item for the store: the prompt, no completions, one demonstration written from scratch. */
    public DatasetItem demonstrate(WorldTask task, Instant at) {
        Written w = write(task);
        // Writers take longer over longer answers: a base of 20 s plus about 2 s a word.
        Duration spent = Duration.ofSeconds(20 + 2L * ResponseText.wordCount(w.text()) + random.nextInt(10));
        JudgmentMeta meta = new JudgmentMeta(profile.annotatorId(), at, GUIDELINES, spent, null);
        Demonstration demo = new Demonstration(Ids.derived("demo", profile.annotatorId(), task.promptId()),
                task.promptId(), w.text(), null, meta);
        return new DatasetItem(task.prompt(), List.of(), List.of(demo));
    }

    /**
     * A mixed demonstration set: each task written once, by a writer drawn with probability
     * {@code expertShare} from the experts and otherwise from the generalists. Timestamps advance a
     * minute per item from {@code start}, so the set is fully reproducible.
     */
    public static List<DatasetItem> mixedDataset(TaskWorld world, List<WriterProfile> experts, List<WriterProfile> generalists,
                                                 double expertShare, long seed, Instant start) {
        if (experts.isEmpty() && expertShare > 0 || generalists.isEmpty() && expertShare < 1) {
            throw new IllegalArgumentException("need writers of each kind the expert share asks for");
        }
        Random pickWriter = new Random(seed);
        List<DemonstrationWriter> expertWriters = experts.stream().map(p -> new DemonstrationWriter(p, seed)).toList();
        List<DemonstrationWriter> generalWriters = generalists.stream().map(p -> new DemonstrationWriter(p, seed)).toList();
        List<DatasetItem> items = new ArrayList<>();
        Instant at = start;
        for (WorldTask task : world.tasks()) {
            List<DemonstrationWriter> pool = pickWriter.nextDouble() < expertShare ? expertWriters : generalWriters;
            items.add(TaskGenerator.pick(pickWriter, pool).demonstrate(task, at));
            at = at.plusSeconds(60);
        }
        return items;
    }

    private ResponseStyle chooseStyle(WorldTask task) {
        boolean padded = random.nextDouble() < profile.paddingRate();
        if (task.mustRefuse()) {
            if (random.nextDouble() < profile.harmfulComplianceRate()) return padded ? ResponseStyle.COMPLY_PADDED : ResponseStyle.COMPLY;
            return padded ? ResponseStyle.PADDED : ResponseStyle.IDEAL;
        }
        if (task.family().startsWith("lookalike_") && random.nextDouble() < profile.overRefusalRate()) {
            return ResponseStyle.OVER_REFUSAL;
        }
        boolean wrong = random.nextDouble() < profile.wrongRate();
        boolean bragging = random.nextDouble() < profile.overconfidenceRate();
        if (wrong) return bragging ? ResponseStyle.WRONG_CONFIDENT : padded ? ResponseStyle.WRONG_PADDED : ResponseStyle.WRONG;
        if (bragging) return ResponseStyle.CONFIDENT;
        if (padded) return random.nextBoolean() ? ResponseStyle.PADDED : ResponseStyle.VERBOSE;
        return ResponseStyle.IDEAL;
    }
}
