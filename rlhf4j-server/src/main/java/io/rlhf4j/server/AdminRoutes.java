package io.rlhf4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.rlhf4j.core.data.Completion;
import io.rlhf4j.core.data.Conversation;
import io.rlhf4j.core.data.ExpertiseLevel;
import io.rlhf4j.core.data.Prompt;
import io.rlhf4j.core.data.Provenance;
import io.rlhf4j.platform.AccountService;
import io.rlhf4j.platform.CandidateGenerator;
import io.rlhf4j.platform.ItemKind;
import io.rlhf4j.platform.JustificationPolicy;
import io.rlhf4j.platform.Membership;
import io.rlhf4j.platform.PayloadJson;
import io.rlhf4j.platform.PlatformError;
import io.rlhf4j.platform.Project;
import io.rlhf4j.platform.ProjectService;
import io.rlhf4j.platform.SessionService;
import io.rlhf4j.platform.TaskType;
import io.rlhf4j.platform.User;
import io.rlhf4j.platform.UserRole;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Admin API: accounts, projects, guidelines, prompts, candidates, known-answer items. Admin role only. */
final class AdminRoutes {
    /** Most candidates per prompt one request may ask the model for. */
    static final int MAX_GENERATED = 8;
    private final AccountService accounts;
    private final SessionService sessions;
    private final ProjectService projects;
    private final Membership membership;
    private final CandidateGenerator generator;

    AdminRoutes(AccountService accounts, SessionService sessions, ProjectService projects, Membership membership, CandidateGenerator generator) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.projects = projects;
        this.membership = membership;
        this.generator = generator;
    }

    void register(Javalin app) {
        app.get("/api/users", ctx -> { admin(ctx); ctx.json(accounts.list()); });
        app.post("/api/users", this::createUser);
        app.post("/api/users/{id}/password", this::resetPassword);
        app.post("/api/users/{id}/disabled", this::setDisabled);
        app.put("/api/projects/{id}/members", this::setMembers);
        app.get("/api/projects/{id}/members", ctx -> { admin(ctx); ctx.json(members(ctx.pathParam("id"))); });
        app.get("/api/projects", this::listProjects);
        app.post("/api/projects", this::createProject);
        app.get("/api/projects/{id}", this::showProject);
        app.put("/api/projects/{id}/guideline", this::updateGuideline);
        app.post("/api/projects/{id}/prompts", this::addPrompts);
        app.post("/api/projects/{id}/candidates", this::attachCandidates);
        app.post("/api/projects/{id}/known-answers", this::addKnownAnswer);
        app.post("/api/projects/{id}/generate", this::generate);
    }

    private static User admin(Context ctx) {
        return Auth.require(ctx, UserRole.ADMIN);
    }

    private void createUser(Context ctx) {
        admin(ctx);
        JsonNode b = JsonBody.read(ctx, PlatformServer.MAX_SMALL_BODY);
        UserRole role = parseEnum(UserRole.class, JsonBody.text(b, "role", 20), "role");
        Map<String, ExpertiseLevel> expertise = new LinkedHashMap<>();
        JsonNode e = b.path("expertise");
        if (!e.isMissingNode() && !e.isNull()) {
            if (!e.isObject() || e.size() > 50) throw ApiError.badRequest("expertise", "must be an object of at most 50 domain: level");
            e.fields().forEachRemaining(f -> expertise.put(f.getKey(),
                    parseEnum(ExpertiseLevel.class, f.getValue().asText(), "expertise." + f.getKey())));
        }
        User u = accounts.create(JsonBody.text(b, "username", 64), JsonBody.optionalText(b, "display_name", 200), role,
                JsonBody.text(b, "password", 200), expertise);
        ctx.status(201).json(u);
    }

    /** {"password"}: an admin sets a new password for someone who forgot theirs; their sessions end. */
    private void resetPassword(Context ctx) {
        admin(ctx);
        JsonNode b = JsonBody.read(ctx, PlatformServer.MAX_SMALL_BODY);
        String id = ctx.pathParam("id");
        accounts.resetPassword(id, JsonBody.text(b, "password", 200));
        ctx.json(Map.of("sessions_ended", sessions.closeAll(id)));
    }

    /** {"disabled": true|false}: a disabled account cannot log in and its sessions end at once. */
    private void setDisabled(Context ctx) {
        User caller = admin(ctx);
        JsonNode b = JsonBody.read(ctx, PlatformServer.MAX_SMALL_BODY);
        String id = ctx.pathParam("id");
        JsonNode flag = b.get("disabled");
        if (flag == null || !flag.isBoolean()) throw ApiError.badRequest("disabled", "must be true or false");
        if (flag.asBoolean() && id.equals(caller.id())) throw ApiError.badRequest("disabled", "an admin cannot disable their own account");
        User u = accounts.setDisabled(id, flag.asBoolean());
        if (u.disabled()) sessions.closeAll(id);
        ctx.json(u);
    }

    /** {"members_only": true, "usernames": [...]}: who may see and work on the project. */
    private void setMembers(Context ctx) {
        admin(ctx);
        JsonNode b = JsonBody.read(ctx, PlatformServer.MAX_BODY);
        String id = ctx.pathParam("id");
        JsonNode only = b.get("members_only");
        if (only != null && !only.isBoolean()) throw ApiError.badRequest("members_only", "must be true or false");
        membership.set(id, only == null || only.asBoolean(), userIds(b));
        ctx.json(members(id));
    }

    private Map<String, Object> members(String projectId) {
        List<String> names = new ArrayList<>();
        for (String id : membership.members(projectId)) accounts.find(id).ifPresent(u -> names.add(u.username()));
        names.sort(null);
        return Map.of("members_only", projects.get(projectId).membersOnly(), "usernames", names);
    }

    private List<String> userIds(JsonNode b) {
        List<String> ids = new ArrayList<>();
        if (!b.has("usernames")) return ids;
        for (JsonNode n : JsonBody.array(b, "usernames", 10_000)) {
            String name = n.asText();
            ids.add(accounts.findByUsername(name).orElseThrow(() -> PlatformError.invalid("usernames", "no account '" + name + "'")).id());
        }
        return ids;
    }

    /** Everyone may list the projects they may work on; only admins and reviewers see the settings (and every project). */
    private void listProjects(Context ctx) {
        User u = Auth.principal(ctx).user();
        List<Object> out = new ArrayList<>();
        for (Project p : membership.visibleTo(u)) {
            out.add(u.role().canReview() ? p : Map.of("id", p.id(), "name", p.name(), "task_types", p.taskTypes()));
        }
        ctx.json(out);
    }

    private void createProject(Context ctx) {
        User u = admin(ctx);
        JsonNode b = JsonBody.read(ctx, PlatformServer.MAX_BODY);
        Set<TaskType> types = EnumSet.noneOf(TaskType.class);
        for (JsonNode t : JsonBody.array(b, "task_types", TaskType.values().length)) types.add(TaskType.parse(t.asText(), "task_types"));
        JsonNode j = b.path("justification");
        JustificationPolicy policy = new JustificationPolicy(
                parseEnum(JustificationPolicy.Mode.class, j.path("mode").asText("optional"), "justification.mode"),
                JsonBody.integer(j, "min_length", 0));
        Project.Spec spec = new Project.Spec(JsonBody.text(b, "name", 200), types, JsonBody.integer(b, "overlap", 3), policy,
                JsonBody.integer(b, "gold_every", 0), JsonBody.number(b, "qualification_pass", 0.8),
                JsonBody.integer(b, "lease_seconds", 900), JsonBody.text(b, "guideline", ProjectService.MAX_GUIDELINE));
        JsonNode open = b.get("members_only");
        if (open != null && !open.isBoolean()) throw ApiError.badRequest("members_only", "must be true or false");
        List<String> members = userIds(b);
        Project created = projects.create(spec, u.id());
        // Members-only unless the admin opens it: a new project is not every annotator's by accident.
        membership.set(created.id(), open == null || open.asBoolean(), members);
        ctx.status(201).json(projects.get(created.id()));
    }

    /** The project, its guideline and one page of its prompts with their candidates: ?offset=0&limit=20 (at most 100). */
    private void showProject(Context ctx) {
        Auth.require(ctx, UserRole.ADMIN, UserRole.REVIEWER);
        String id = ctx.pathParam("id");
        Project p = projects.get(id);
        ProjectService.PromptPage page = projects.promptPage(id, queryInt(ctx, "offset", 0), queryInt(ctx, "limit", 20));
        List<Map<String, Object>> prompts = new ArrayList<>();
        for (Prompt prompt : page.prompts()) {
            List<Map<String, Object>> candidates = new ArrayList<>();
            for (Completion c : projects.candidates(id, prompt.id())) {
                candidates.add(Map.of("id", c.id(), "model", c.provenance().model(), "text", c.text()));
            }
            prompts.add(Map.of("id", prompt.id(), "domain", prompt.domain(), "text", prompt.conversation().last().content(),
                    "candidates", candidates));
        }
        ctx.json(Map.of("project", p, "guideline", projects.guideline(id), "prompt_count", page.total(), "offset", page.offset(),
                "prompts", prompts));
    }

    static int queryInt(Context ctx, String name, int fallback) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) return fallback;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(name, "must be an integer");
        }
    }

    private void updateGuideline(Context ctx) {
        User u = admin(ctx);
        JsonNode b = JsonBody.read(ctx, PlatformServer.MAX_BODY);
        ctx.json(projects.updateGuideline(ctx.pathParam("id"), JsonBody.text(b, "markdown", ProjectService.MAX_GUIDELINE), u.id()));
    }

    /** Typed prompts {"prompts": [{"text", "domain"}]} or a dataset file {"format": "hh-rlhf|trl|rlhf4j", "content": "..."}. */
    private void addPrompts(Context ctx) {
        admin(ctx);
        String id = ctx.pathParam("id");
        JsonNode b = JsonBody.read(ctx, PlatformServer.MAX_BODY);
        if (b.has("format")) {
            ctx.status(201).json(DatasetUpload.importInto(projects, id, JsonBody.text(b, "format", 20),
                    JsonBody.text(b, "content", (int) PlatformServer.MAX_BODY)));
            return;
        }
        List<Prompt> prompts = new ArrayList<>();
        for (JsonNode p : JsonBody.array(b, "prompts", 1000)) {
            String domain = JsonBody.optionalText(p, "domain", 200);
            prompts.add(Prompt.of(Conversation.ofUser(JsonBody.text(p, "text", 20_000)), domain));
        }
        int added = projects.addPrompts(id, prompts);
        ctx.status(201).json(Map.of("added", added, "prompt_ids", prompts.stream().map(Prompt::id).toList()));
    }

    /** {"candidates": [{"prompt_id", "text", "model"}]}: model names are kept for the leaderboard, never shown to annotators. */
    private void attachCandidates(Context ctx) {
        admin(ctx);
        JsonNode b = JsonBody.read(ctx, PlatformServer.MAX_BODY);
        List<Completion> completions = new ArrayList<>();
        for (JsonNode c : JsonBody.array(b, "candidates", 1000)) {
            String promptId = JsonBody.text(c, "prompt_id", 200);
            String model = JsonBody.text(c, "model", 200);
            completions.add(Completion.of(promptId, JsonBody.text(c, "text", 20_000), Provenance.model(model, null, null)));
        }
        int items = projects.attachCandidates(ctx.pathParam("id"), completions);
        ctx.status(201).json(Map.of("candidates", completions.stream().map(Completion::id).toList(), "items_created", items));
    }

    /**
     * {"count": K}: the model writes K candidates for every prompt of the project that has none. Runs in
     * the request (an admin action on a few prompts); 409 when the server was started without a model.
     */
    private void generate(Context ctx) {
        admin(ctx);
        JsonNode b = JsonBody.read(ctx, PlatformServer.MAX_SMALL_BODY);
        int count = JsonBody.integer(b, "count", 2);
        if (count < 2 || count > MAX_GENERATED) throw ApiError.badRequest("count", "must be in [2, " + MAX_GENERATED + "]");
        if (generator == null) {
            throw new ApiError(409, null, "this server has no model: start it with ./rlhf4j serve --model PATH, or import or attach candidates");
        }
        ctx.status(201).json(Map.of("items_created", projects.generateCandidates(ctx.pathParam("id"), generator, count)));
    }

    /** {"kind": "gold|qualification", "prompt_id", "task_type", "completion_ids": [...], "answer": {payload}}. */
    private void addKnownAnswer(Context ctx) {
        admin(ctx);
        JsonNode b = JsonBody.read(ctx, PlatformServer.MAX_BODY);
        ItemKind kind = parseEnum(ItemKind.class, JsonBody.text(b, "kind", 20), "kind");
        TaskType type = TaskType.parse(JsonBody.text(b, "task_type", 20), "task_type");
        List<String> ids = JsonBody.array(b, "completion_ids", 50).stream().map(JsonNode::asText).toList();
        String itemId = projects.addKnownAnswerItem(ctx.pathParam("id"), kind, JsonBody.text(b, "prompt_id", 200), type, ids,
                PayloadJson.parse(type, b.path("answer")));
        ctx.status(201).json(Map.of("item_id", itemId));
    }

    static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw PlatformError.invalid(field, "unknown value '" + value + "'");
        }
    }
}
