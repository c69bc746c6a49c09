package io.rlhf4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.rlhf4j.platform.SubmitResult;
import io.rlhf4j.platform.TaskService;
import io.rlhf4j.platform.TaskView;
import io.rlhf4j.platform.User;
import io.rlhf4j.platform.UserRole;

import java.util.Optional;

/**
 * The annotator's API: next task, read own task, submit. Any role may annotate (admins test their
 * projects this way), but only ever their own tasks: the service refuses anyone else's.
 */
final class TaskRoutes {
    private final TaskService tasks;
    private final ContinuationWorker continuations;

    TaskRoutes(TaskService tasks, ContinuationWorker continuations) {
        this.tasks = tasks;
        this.continuations = continuations;
    }

    void register(Javalin app) {
        app.post("/api/tasks/next", this::next);
        app.get("/api/tasks/{id}", ctx -> ctx.json(tasks.task(annotator(ctx).id(), taskId(ctx))));
        app.post("/api/tasks/{id}/submit", this::submit);
    }

    /** 200 with the task, or 204 when there is no work for the caller (optionally ?project=ID). */
    private void next(Context ctx) {
        User u = annotator(ctx);
        String project = ctx.queryParam("project");
        if (project != null && project.length() > 64) throw ApiError.badRequest("project", "must be at most 64 characters");
        Optional<TaskView> task = project == null || project.isBlank() ? tasks.nextTask(u.id()) : tasks.nextTask(u.id(), project);
        if (task.isPresent()) ctx.json(task.get());
        else ctx.status(204);
    }

    /** Body: {"submission_key": "...", ...payload fields of the task's type}. A retry with the same key returns the first ack. */
    private void submit(Context ctx) {
        User u = annotator(ctx);
        String id = taskId(ctx);
        JsonNode body = JsonBody.read(ctx, PlatformServer.MAX_BODY);
        String key = JsonBody.text(body, "submission_key", 100);
        SubmitResult result = tasks.submitJson(u.id(), id, key, body);
        if (!result.duplicate()) continuations.schedule(result.continuation());
        ctx.status(result.duplicate() ? 200 : 201).json(result);
    }

    private static User annotator(Context ctx) {
        return Auth.require(ctx, UserRole.ANNOTATOR, UserRole.REVIEWER, UserRole.ADMIN);
    }

    private static String taskId(Context ctx) {
        String id = ctx.pathParam("id");
        if (id.length() > 64) throw ApiError.badRequest("id", "must be at most 64 characters");
        return id;
    }
}
