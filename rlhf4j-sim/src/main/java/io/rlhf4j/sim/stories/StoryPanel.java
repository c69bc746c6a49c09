package io.rlhf4j.sim.stories;

import io.rlhf4j.core.data.Conversation;
import io.rlhf4j.core.data.ExpertiseLevel;
import io.rlhf4j.core.data.Ids;
import io.rlhf4j.platform.TaskService;
import io.rlhf4j.platform.TaskType;
import io.rlhf4j.platform.TaskView;
import io.rlhf4j.sim.AnnotatorProfile;
import io.rlhf4j.sim.PanelArrivals;
import io.rlhf4j.sim.SimulatedPanel;
import io.rlhf4j.sim.Verdict;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Simulated story annotators working through the platform's {@link TaskService}, as
 * {@link SimulatedPanel} does for the task world: ask for the next task, read the two stories shown,
 * decide, submit. Leases, overlap, routing, qualification and gold items are the platform's own.
 */
public final class StoryPanel {
    /** A simulated annotator and the platform account it works under. */
    public record Member(StoryAnnotator annotator, String userId) {}

    /** Submissions made; exhausted when the platform ran out of work before the budget was spent. */
    public record Run(int submitted, boolean exhausted) {}

    private final StoryWorld world;
    private final TaskService tasks;
    private final String projectId;
    private final List<Member> members;
    private final Random arrivals;
    private final Consumer<Duration> elapse;
    private long keys;

    public StoryPanel(StoryWorld world, TaskService tasks, String projectId, List<Member> members, long seed, Consumer<Duration> elapse) {
        if (members.isEmpty()) throw new IllegalArgumentException("a panel needs at least one member");
        this.world = world;
        this.tasks = tasks;
        this.projectId = projectId;
        this.members = List.copyOf(members);
        this.arrivals = new Random(seed);
        this.elapse = elapse;
    }

    /**
     * The story panel: two story experts, three generalists, one position-biased generalist, two
     * careless annotators and a spammer, with the task world's profiles (their biases and speeds).
     * The level is each one's real skill at stories, and what they claim.
     */
    public static List<StoryAnnotatorSpec> standard() {
        List<StoryAnnotatorSpec> out = new ArrayList<>();
        for (int i = 1; i <= 2; i++) out.add(new StoryAnnotatorSpec(AnnotatorProfile.expert("expert-stories-" + i), ExpertiseLevel.EXPERT));
        for (int i = 1; i <= 3; i++) out.add(new StoryAnnotatorSpec(AnnotatorProfile.generalist("generalist-" + i), ExpertiseLevel.GENERALIST));
        out.add(new StoryAnnotatorSpec(AnnotatorProfile.positionBiased("position-biased-1"), ExpertiseLevel.GENERALIST));
        out.add(new StoryAnnotatorSpec(AnnotatorProfile.careless("careless-1"), ExpertiseLevel.GENERALIST));
        out.add(new StoryAnnotatorSpec(AnnotatorProfile.careless("careless-2"), ExpertiseLevel.GENERALIST));
        out.add(new StoryAnnotatorSpec(AnnotatorProfile.spammer("spammer-1"), ExpertiseLevel.GENERALIST));
        return List.copyOf(out);
    }

    /** A panel member before it has an account: profile and story skill. */
    public record StoryAnnotatorSpec(AnnotatorProfile profile, ExpertiseLevel level) {}

    /** Works until {@code budget} submissions have been made or no member has work left. */
    public Run run(int budget) {
        int submitted = PanelArrivals.work(members, arrivals, budget, this::step, m -> {});
        return new Run(submitted, submitted < budget);
    }

    /** One task for one member: fetch, judge, submit. False when the platform has no task for them. */
    public boolean step(Member m) {
        Optional<TaskView> next = tasks.nextTask(m.userId(), projectId);
        if (next.isEmpty()) return false;
        TaskView view = next.get();
        if (view.taskType() != TaskType.PAIRWISE) {
            throw new IllegalStateException("the story panel only compares pairs; the platform offered " + view.taskType());
        }
        StoryPrompt prompt = world.prompt(Ids.prompt(new Conversation(view.conversation())));
        Verdict.Pair verdict = m.annotator().judgePair(prompt, view.candidates().get(0), view.candidates().get(1));
        tasks.submit(m.userId(), view.taskId(), m.userId() + ":" + (keys++), SimulatedPanel.payload(verdict));
        elapse.accept(verdict.timeSpent().dividedBy(members.size()));
        return true;
    }
}
