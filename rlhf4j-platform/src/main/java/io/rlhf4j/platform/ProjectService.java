package io.rlhf4j.platform;

import io.rlhf4j.core.data.Completion;
import io.rlhf4j.core.data.Ids;
import io.rlhf4j.core.data.Prompt;
import io.rlhf4j.store.Store;
import io.rlhf4j.store.Tx;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Projects and what they hold: the versioned guideline, prompts, candidate completions and the task
 * items built from them. Prompts and completions are saved through the store's repositories.
 */
public final class ProjectService {
    public record Guideline(int version, String markdown) {}

    /** One page of a project's prompts in the order they were added, and how many there are in all. */
    public record PromptPage(long total, int offset, List<Prompt> prompts) {}

    /** The most prompts one page may hold: an admin view stays the same size however large the project. */
    public static final int MAX_PAGE = 100;

    public static final int MAX_GUIDELINE = 100_000;
    private final Db db;
    private final Clock clock;
    private final java.util.Random ids;

    public ProjectService(Store store, Clock clock) {
        this(store, clock, null);
    }

    /** With a seeded random, project ids (and the item ids derived from them) are reproducible; null uses UUIDs. */
    public ProjectService(Store store, Clock clock, java.util.Random ids) {
        this.db = new Db(store);
        this.clock = clock;
        this.ids = ids;
    }

    public Project create(Project.Spec spec, String createdBy) {
        Validate.text(spec.name(), "name", 200);
        if (spec.taskTypes() == null || spec.taskTypes().isEmpty()) throw PlatformError.invalid("task_types", "choose at least one");
        Validate.range(spec.overlap(), 1, 50, "overlap");
        Validate.range(spec.goldEvery(), 0, 1000, "gold_every");
        Validate.range(spec.leaseSeconds(), 1, 86_400, "lease_seconds");
        if (!(spec.qualificationPass() >= 0 && spec.qualificationPass() <= 1)) throw PlatformError.invalid("qualification_pass", "must be in [0, 1]");
        if (spec.justification() == null) throw PlatformError.invalid("justification", "is required");
        String guideline = Validate.text(spec.guideline(), "guideline", MAX_GUIDELINE);
        String id = Ids.random("pj", ids);
        long now = clock.millis();
        db.tx(t -> {
            Db.update(t.connection(), "INSERT INTO platform_projects (id, name, task_types, overlap, justification, justification_min_length,"
                            + " gold_every, qualification_pass, lease_seconds, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    id, spec.name(), spec.taskTypes().stream().map(Enum::name).sorted().collect(Collectors.joining(",")), spec.overlap(),
                    spec.justification().mode().name(), spec.justification().minLength(), spec.goldEvery(), spec.qualificationPass(),
                    spec.leaseSeconds(), now);
            Db.update(t.connection(), "INSERT INTO platform_guidelines (project_id, version, markdown, created_by, created_at) VALUES (?,?,?,?,?)",
                    id, 1, guideline, createdBy, now);
            return null;
        });
        return get(id);
    }

    public Project get(String projectId) {
        return db.tx(t -> load(t.connection(), projectId));
    }

    public List<Project> list() {
        return db.tx(t -> {
            List<Project> out = new ArrayList<>();
            for (String id : Db.list(t.connection(), "SELECT id FROM platform_projects ORDER BY created_at, id", rs -> rs.getString(1))) {
                out.add(load(t.connection(), id));
            }
            return out;
        });
    }

    /** Saves a new guideline version; judgments given from now on record it. */
    public Guideline updateGuideline(String projectId, String markdown, String by) {
        Validate.text(markdown, "guideline", MAX_GUIDELINE);
        return db.tx(t -> {
            Project p = load(t.connection(), projectId);
            int next = p.guidelineVersion() + 1;
            Db.update(t.connection(), "INSERT INTO platform_guidelines (project_id, version, markdown, created_by, created_at) VALUES (?,?,?,?,?)",
                    projectId, next, markdown, by, clock.millis());
            return new Guideline(next, markdown);
        });
    }

    public Guideline guideline(String projectId) {
        return db.tx(t -> guideline(t.connection(), projectId));
    }

    static Guideline guideline(Connection c, String projectId) throws SQLException {
        return Db.one(c, "SELECT version, markdown FROM platform_guidelines WHERE project_id = ? ORDER BY version DESC",
                rs -> new Guideline(rs.getInt(1), rs.getString(2)), projectId).orElseThrow(() -> PlatformError.notFound("project " + projectId));
    }

    /** Adds prompts (saved to the store if new); returns how many were new to the project. */
    public int addPrompts(String projectId, List<Prompt> prompts) {
        return db.tx(t -> {
            Project p = load(t.connection(), projectId);
            int added = 0;
            for (Prompt prompt : prompts) {
                t.prompts().save(prompt);
                if (Db.count(t.connection(), "SELECT COUNT(*) FROM platform_project_prompts WHERE project_id = ? AND prompt_id = ?",
                        projectId, prompt.id()) > 0) continue;
                Db.update(t.connection(), "INSERT INTO platform_project_prompts (project_id, prompt_id, added_at) VALUES (?,?,?)",
                        projectId, prompt.id(), clock.millis());
                added++;
                if (p.taskTypes().contains(TaskType.DEMONSTRATION)) {
                    Items.build(t.connection(), projectId, EnumSet.of(TaskType.DEMONSTRATION), prompt.id(), prompt.domain(), List.of(), clock.millis());
                }
            }
            return added;
        });
    }

    /** Attaches candidate completions to prompts of the project and builds the task items they make possible. */
    public int attachCandidates(String projectId, List<Completion> completions) {
        return db.tx(t -> {
            Project p = load(t.connection(), projectId);
            Map<String, List<String>> byPrompt = new LinkedHashMap<>();
            for (Completion comp : completions) {
                if (comp.id().contains(",")) throw PlatformError.invalid("completion.id", "must not contain ','");
                if (!inProject(t.connection(), projectId, comp.promptId())) {
                    throw PlatformError.invalid("completion.prompt_id", "prompt " + comp.promptId() + " is not in this project");
                }
                t.completions().save(comp);
                if (Db.count(t.connection(), "SELECT COUNT(*) FROM platform_candidates WHERE project_id = ? AND completion_id = ?",
                        projectId, comp.id()) == 0) {
                    Db.update(t.connection(), "INSERT INTO platform_candidates (project_id, prompt_id, completion_id) VALUES (?,?,?)",
                            projectId, comp.promptId(), comp.id());
                }
                byPrompt.computeIfAbsent(comp.promptId(), k -> new ArrayList<>());
            }
            Set<TaskType> types = EnumSet.copyOf(p.taskTypes());
            types.remove(TaskType.DEMONSTRATION);
            int items = 0;
            for (String promptId : byPrompt.keySet()) {
                String domain = t.prompts().find(promptId).orElseThrow().domain();
                // A continued conversation is there to be continued: only multi-turn items, not a fresh round of every type.
                Set<TaskType> forPrompt = Conversations.isContinuation(t.connection(), projectId, promptId) ? EnumSet.of(TaskType.MULTI_TURN) : types;
                items += Items.build(t.connection(), projectId, forPrompt, promptId, domain, candidateIds(t.connection(), projectId, promptId), clock.millis());
            }
            return items;
        });
    }

    /** Asks the generator for {@code count} candidates for every prompt of the project that has none yet. */
    public int generateCandidates(String projectId, CandidateGenerator generator, int count) {
        List<Completion> generated = new ArrayList<>();
        for (Prompt prompt : prompts(projectId)) {
            if (candidates(projectId, prompt.id()).isEmpty()) generated.addAll(generator.generate(prompt, count));
        }
        return generated.isEmpty() ? 0 : attachCandidates(projectId, generated);
    }

    /** Asks the generator for {@code count} candidates for one prompt of the project, if it has none yet (e.g. a continued conversation). */
    public int generateCandidatesFor(String projectId, String promptId, CandidateGenerator generator, int count) {
        if (!candidates(projectId, promptId).isEmpty()) return 0;
        Prompt prompt = db.tx(t -> {
            if (!inProject(t.connection(), projectId, promptId)) throw PlatformError.notFound("prompt " + promptId + " in project " + projectId);
            return t.prompts().find(promptId).orElseThrow(() -> PlatformError.notFound("prompt " + promptId));
        });
        List<Completion> generated = generator.generate(prompt, count);
        return generated.isEmpty() ? 0 : attachCandidates(projectId, generated);
    }

    /** Continued conversations that have no candidates yet (e.g. the server stopped before generating them). */
    public List<SubmitResult.Continuation> pendingContinuations() {
        return db.list("SELECT pp.project_id, pp.prompt_id FROM platform_project_prompts pp WHERE pp.continued_by IS NOT NULL AND NOT EXISTS"
                        + " (SELECT 1 FROM platform_candidates c WHERE c.project_id = pp.project_id AND c.prompt_id = pp.prompt_id)"
                        + " ORDER BY pp.added_at, pp.prompt_id",
                rs -> new SubmitResult.Continuation(rs.getString(1), rs.getString(2)));
    }

    /** Adds an item with a known answer (gold or qualification). The answer's positions are in completionIds order. */
    public String addKnownAnswerItem(String projectId, ItemKind kind, String promptId, TaskType type, List<String> completionIds,
                                     JudgmentPayload answer) {
        if (kind == ItemKind.REAL) throw PlatformError.invalid("kind", "must be GOLD or QUALIFICATION");
        if (answer.taskType() != type) throw PlatformError.invalid("answer", "is a " + answer.taskType().wireName() + " answer for a " + type.wireName() + " item");
        return db.tx(t -> {
            load(t.connection(), projectId);
            if (!inProject(t.connection(), projectId, promptId)) throw PlatformError.invalid("prompt_id", "is not in this project");
            String domain = t.prompts().find(promptId).orElseThrow().domain();
            Items.insert(t.connection(), projectId, promptId, domain, type, completionIds, kind, PayloadJson.write(answer), clock.millis());
            String key = kind.name() + ":" + type.name() + ":" + promptId + ":" + String.join(",", completionIds);
            return Ids.derived("it", projectId, key);
        });
    }

    public List<Prompt> prompts(String projectId) {
        return db.tx(t -> {
            List<Prompt> out = new ArrayList<>();
            for (String id : Db.list(t.connection(), "SELECT prompt_id FROM platform_project_prompts WHERE project_id = ? ORDER BY added_at, prompt_id",
                    rs -> rs.getString(1), projectId)) {
                t.prompts().find(id).ifPresent(out::add);
            }
            return out;
        });
    }

    /** Prompts offset..offset+limit-1 in the order they were added (limit at most {@link #MAX_PAGE}). */
    public PromptPage promptPage(String projectId, int offset, int limit) {
        Validate.range(offset, 0, Integer.MAX_VALUE, "offset");
        Validate.range(limit, 1, MAX_PAGE, "limit");
        return db.tx(t -> {
            load(t.connection(), projectId);
            long total = Db.count(t.connection(), "SELECT COUNT(*) FROM platform_project_prompts WHERE project_id = ?", projectId);
            List<Prompt> page = new ArrayList<>();
            for (String id : Db.list(t.connection(), "SELECT prompt_id FROM platform_project_prompts WHERE project_id = ?"
                    + " ORDER BY added_at, prompt_id LIMIT ? OFFSET ?", rs -> rs.getString(1), projectId, limit, offset)) {
                t.prompts().find(id).ifPresent(page::add);
            }
            return new PromptPage(total, offset, page);
        });
    }

    public List<Completion> candidates(String projectId, String promptId) {
        return db.tx(t -> candidates(t, projectId, promptId));
    }

    static List<Completion> candidates(Tx t, String projectId, String promptId) throws SQLException {
        List<Completion> out = new ArrayList<>();
        for (String id : candidateIds(t.connection(), projectId, promptId)) t.completions().find(id).ifPresent(out::add);
        return out;
    }

    private static List<String> candidateIds(Connection c, String projectId, String promptId) throws SQLException {
        return Db.list(c, "SELECT completion_id FROM platform_candidates WHERE project_id = ? AND prompt_id = ? ORDER BY completion_id",
                rs -> rs.getString(1), projectId, promptId);
    }

    private static boolean inProject(Connection c, String projectId, String promptId) throws SQLException {
        return Db.count(c, "SELECT COUNT(*) FROM platform_project_prompts WHERE project_id = ? AND prompt_id = ?", projectId, promptId) > 0;
    }

    static Project load(Connection c, String projectId) throws SQLException {
        int version = Db.one(c, "SELECT MAX(version) FROM platform_guidelines WHERE project_id = ?", rs -> rs.getInt(1), projectId).orElse(0);
        return Db.one(c, "SELECT id, name, task_types, overlap, justification, justification_min_length, gold_every, qualification_pass,"
                + " lease_seconds, members_only FROM platform_projects WHERE id = ?", (ResultSet rs) -> new Project(rs.getString(1), rs.getString(2),
                Arrays.stream(rs.getString(3).split(",")).map(TaskType::valueOf).collect(Collectors.toSet()), rs.getInt(4),
                new JustificationPolicy(JustificationPolicy.Mode.valueOf(rs.getString(5)), rs.getInt(6)), rs.getInt(7),
                rs.getDouble(8), rs.getInt(9), version, rs.getBoolean(10)), projectId).orElseThrow(() -> PlatformError.notFound("project " + projectId));
    }
}
