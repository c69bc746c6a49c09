package io.rlhf4j.sim;

import io.rlhf4j.core.data.Prompt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded world of N distinct prompts over all {@link Domain}s, each with its gold answer. The same
 * seed and size give the same tasks in the same order. Domains take turns, so every domain is
 * represented; small domains (facts, safety) run out of distinct questions in worlds of a few hundred
 * tasks, and the larger ones (arithmetic, words) fill the rest.
 */
public final class TaskWorld {
    /** Draws that may fail to find a new question before a domain counts as exhausted. */
    private static final int ATTEMPTS_PER_TASK = 1000;
    /** Larger worlds are all arithmetic and sorting; a demo on 2 CPU cores needs a few thousand at most. */
    public static final int MAX_SIZE = 20_000;

    private final long seed;
    private final List<WorldTask> tasks;
    private final Map<String, WorldTask> byPromptId;
    private final GoldJudge gold = new GoldJudge();

    private TaskWorld(long seed, List<WorldTask> tasks) {
        this.seed = seed;
        this.tasks = List.copyOf(tasks);
        Map<String, WorldTask> index = new LinkedHashMap<>();
        for (WorldTask t : tasks) index.put(t.promptId(), t);
        this.byPromptId = Collections.unmodifiableMap(index);
    }

    public static TaskWorld generate(long seed, int size) {
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("a world has 1.." + MAX_SIZE + " distinct prompts, asked for " + size);
        }
        Map<Domain, TaskGenerator> generators = new EnumMap<>(Domain.class);
        generators.put(Domain.ARITHMETIC, new ArithmeticTasks());
        generators.put(Domain.WORDS, new WordTasks());
        generators.put(Domain.FACTS, new FactTasks());
        generators.put(Domain.UNITS, new UnitTasks());
        generators.put(Domain.SAFETY, new SafetyTasks());
        Random random = new Random(seed);
        List<WorldTask> tasks = new ArrayList<>();
        Map<String, WorldTask> seen = new LinkedHashMap<>();
        List<Domain> live = new ArrayList<>(generators.keySet());
        int turn = 0;
        while (tasks.size() < size) {
            if (live.isEmpty()) {
                throw new IllegalArgumentException("the world has only " + tasks.size() + " distinct prompts, asked for " + size);
            }
            Domain domain = live.get(turn++ % live.size());
            WorldTask task = drawNew(generators.get(domain), random, seen);
            if (task == null) {
                live.remove(domain);
                continue;
            }
            seen.put(task.promptId(), task);
            tasks.add(task);
        }
        return new TaskWorld(seed, tasks);
    }

    private static WorldTask drawNew(TaskGenerator generator, Random random, Map<String, WorldTask> seen) {
        for (int i = 0; i < ATTEMPTS_PER_TASK; i++) {
            WorldTask candidate = generator.next(random);
            if (!seen.containsKey(candidate.promptId())) return candidate;
        }
        return null;
    }

    public long seed() {
        return seed;
    }

    public List<WorldTask> tasks() {
        return tasks;
    }

    public List<Prompt> prompts() {
        return tasks.stream().map(WorldTask::prompt).toList();
    }

    public List<WorldTask> inDomain(Domain domain) {
        return tasks.stream().filter(t -> t.domain() == domain).toList();
    }

    /** The task behind a prompt of this world; throws for a prompt the world did not generate. */
    public WorldTask task(String promptId) {
        WorldTask t = byPromptId.get(promptId);
        if (t == null) throw new IllegalArgumentException("prompt " + promptId + " is not in this world (seed " + seed + ")");
        return t;
    }

    public boolean contains(String promptId) {
        return byPromptId.containsKey(promptId);
    }

    public GoldJudge gold() {
        return gold;
    }

    /** Gold score of a response to one of this world's prompts: what evaluation and simulated annotators use. */
    public GoldScore score(String promptId, String response) {
        return gold.score(task(promptId), response);
    }
}
