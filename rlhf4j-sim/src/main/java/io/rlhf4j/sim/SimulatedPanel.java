package io.rlhf4j.sim;

import io.rlhf4j.core.data.Conversation;
import io.rlhf4j.core.data.Ids;
import io.rlhf4j.platform.JudgmentPayload;
import io.rlhf4j.platform.TaskService;
import io.rlhf4j.platform.TaskView;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Simulated annotators working through the same {@link TaskService} as people in the web app: ask for
 * the next task, read the texts shown, decide, submit. Leases, overlap, routing by expertise, gold
 * items and qualification are therefore the platform's own, not re-implemented here. Each step a
 * member is drawn at random (seeded), as people arrive at their own pace; a member the platform has
 * no more work for (or has failed at qualification) leaves the run.
 */
public final class SimulatedPanel {
    /** A simulated annotator and the platform account it works under. */
    public record Member(SimulatedAnnotator annotator, String userId) {}

    /** What a run did: submissions in all (the label budget spent) and per account; exhausted when work ran out first. */
    public record Run(int submitted, Map<String, Integer> perUser, boolean exhausted) {}

    private final TaskWorld world;
    private final TaskService tasks;
    private final String projectId;
    private final List<Member> members;
    private final Random arrivals;
    private final Consumer<Duration> elapse;
    private long keys;

    /**
     * @param projectId the project to work in, or null for whatever project the platform offers first
     * @param elapse    told how long each judgment took (divided by the panel size: people work in
     *                  parallel), so a simulated clock can move and leases and timestamps look real
     */
    public SimulatedPanel(TaskWorld world, TaskService tasks, String projectId, List<Member> members, long seed,
                          Consumer<Duration> elapse) {
        if (members.isEmpty()) throw new IllegalArgumentException("a panel needs at least one member");
        this.world = world;
        this.tasks = tasks;
        this.projectId = projectId;
        this.members = List.copyOf(members);
        this.arrivals = new Random(seed);
        this.elapse = elapse;
    }

    public List<Member> members() {
        return members;
    }

    /** Works until {@code budget} submissions have been made or no member has work left. */
    public Run run(int budget) {
        Map<String, Integer> perUser = new LinkedHashMap<>();
        int submitted = PanelArrivals.work(members, arrivals, budget, this::step, m -> perUser.merge(m.userId(), 1, Integer::sum));
        return new Run(submitted, perUser, submitted < budget);
    }

    /** One task for one member: fetch, judge, submit. False when the platform has no task for them. */
    public boolean step(Member m) {
        Optional<TaskView> next = projectId == null ? tasks.nextTask(m.userId()) : tasks.nextTask(m.userId(), projectId);
        if (next.isEmpty()) return false;
        TaskView view = next.get();
        Verdict verdict = judge(m.annotator(), view);
        // Idempotency keys name the project, so two panels of the same people (one per project) never collide.
        tasks.submit(m.userId(), view.taskId(), m.userId() + ":" + (projectId == null ? "" : projectId + ":") + (keys++), payload(verdict));
        elapse.accept(verdict.timeSpent().dividedBy(members.size()));
        return true;
    }

    /** Decides a task as shown; the world task is found from the conversation, since prompt ids are content hashes. */
    public Verdict judge(SimulatedAnnotator annotator, TaskView view) {
        WorldTask task = world.task(Ids.prompt(new Conversation(view.conversation())));
        List<String> shown = view.candidates();
        return switch (view.taskType()) {
            // A multi-turn task is judged like a pair; the simulated annotator does not continue the conversation.
            case PAIRWISE, MULTI_TURN -> annotator.judgePair(task, shown.get(0), shown.get(1));
            case RANKING -> annotator.judgeRanking(task, shown);
            case RATING -> annotator.judgeRating(task, shown.get(0));
            case SAFETY -> annotator.judgeSafety(task, shown.get(0));
            case DEMONSTRATION -> annotator.writeDemonstration(task);
        };
    }

    /** The platform's submission body for a verdict: positions as shown, time in milliseconds. */
    public static JudgmentPayload payload(Verdict verdict) {
        long ms = verdict.timeSpent().toMillis();
        return switch (verdict) {
            case Verdict.Pair p -> new JudgmentPayload.Pairwise(p.choice(), p.strength(), p.justification(), ms);
            case Verdict.Ranking r -> new JudgmentPayload.Ranking(r.tiers(), r.justification(), ms);
            case Verdict.Rating r -> new JudgmentPayload.Rating(r.scores(), r.scalePoints(), r.justification(), ms);
            case Verdict.Safety s -> new JudgmentPayload.Safety(s.category(), s.severity(), s.justification(), ms);
            case Verdict.Demonstration d -> new JudgmentPayload.Demonstration(d.text(), null, d.justification(), ms);
        };
    }
}
