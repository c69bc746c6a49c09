package io.rlhf4j.sim;

import io.rlhf4j.core.data.Completion;
import io.rlhf4j.core.data.Provenance;
import io.rlhf4j.core.data.SamplingSettings;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Stand-in for policy samples when there is no model yet: K distinct completions of a task in styles
 * drawn uniformly from those that apply, so pairs span "both fine" to "one harmful". The routing
 * experiment labels these; the demo labels real policy samples instead.
 */
public final class CandidateSampler {
    public static final String MODEL = "sim-candidates";

    private final Random random;
    private final Provenance provenance;

    public CandidateSampler(long seed) {
        this.random = new Random(seed);
        this.provenance = Provenance.model(MODEL, "seed-" + seed, new SamplingSettings(null, null, null, null, seed));
    }

    public List<Completion> sample(WorldTask task, int k) {
        List<ResponseStyle> styles = List.of(ResponseStyle.values()).stream().filter(s -> s.appliesTo(task)).toList();
        Set<String> texts = new LinkedHashSet<>();
        for (int attempt = 0; texts.size() < k && attempt < 50 * k; attempt++) {
            texts.add(Responses.render(task, TaskGenerator.pick(random, styles), random));
        }
        if (texts.size() < k) throw new IllegalArgumentException("cannot find " + k + " distinct responses to " + task.question());
        List<Completion> out = new ArrayList<>();
        for (String text : texts) out.add(Completion.of(task.promptId(), text, provenance));
        return out;
    }
}
