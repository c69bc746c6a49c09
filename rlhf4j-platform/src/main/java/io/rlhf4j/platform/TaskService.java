package io.rlhf4j.platform;

import io.rlhf4j.core.data.Ids;
import io.rlhf4j.core.data.Judgment;
import io.rlhf4j.core.data.JudgmentMeta;
import io.rlhf4j.store.Store;
import io.rlhf4j.store.Tx;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * The annotator's side of the platform: get the next task, read it, submit a judgment. This is the
 * API both the HTTP server and the simulated annotator panel drive.
 */
public final class TaskService {
    private static final Pattern SUBMISSION_KEY = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");
    private final Db db;
    private final Clock clock;
    private final Assigner assigner;
    private final Qualification qualification;

    public TaskService(Store store, Clock clock) {
        this(store, clock, null);
    }

    /** With a seeded random, A/B positions and task ids are reproducible (tests, simulations). */
    public TaskService(Store store, Clock clock, Random positions) {
        this.db = new Db(store);
        this.clock = clock;
        this.assigner = new Assigner(positions);
        this.qualification = new Qualification(clock);
    }

    /** The next task for the annotator in any project, oldest project first; empty when there is no work. */
    public Optional<TaskView> nextTask(String annotatorId) {
        List<String> projects = db.tx(t -> Membership.visibleIds(t.connection(),
                AccountService.load(t.connection(), annotatorId).orElseThrow(() -> PlatformError.notFound("annotator " + annotatorId))));
        for (String projectId : projects) {
            Optional<TaskView> task = nextTask(annotatorId, projectId);
            if (task.isPresent()) return task;
        }
        return Optional.empty();
    }

    public Optional<TaskView> nextTask(String annotatorId, String projectId) {
        // Items other requests were leasing at that instant were skipped; look again rather than
        // tell the annotator there is no work when there is.
        for (int attempt = 0; attempt < 5; attempt++) {
            boolean[] contended = new boolean[1];
            Optional<TaskView> task = db.tx(t -> {
                Optional<String> id = lease(t.connection(), annotatorId, projectId, contended);
                return id.isEmpty() ? Optional.<TaskView>empty() : Optional.of(view(t, annotatorId, id.get()));
            });
            if (task.isPresent()) return task;
            if (!contended[0]) return Optional.empty();
            Thread.onSpinWait();
        }
        return Optional.empty();
    }

    private Optional<String> lease(Connection c, String annotatorId, String projectId, boolean[] contended) throws SQLException {
        long now = clock.millis();
        User user = AccountService.load(c, annotatorId).orElseThrow(() -> PlatformError.notFound("annotator " + annotatorId));
        Project p = ProjectService.load(c, projectId);
        Membership.requireMayWork(c, p, user);
        Optional<String> held = Assigner.heldLease(c, projectId, annotatorId, now);
        if (held.isPresent()) return held;
        Assigner.sweepExpired(c, now);

        int version = p.guidelineVersion();
        Qualification.Status status = qualification.status(c, p, annotatorId);
        if (status == Qualification.Status.FAILED) return Optional.empty();
        if (status == Qualification.Status.PENDING) {
            Optional<String> q = assigner.leaseKnownAnswer(c, p, user, ItemKind.QUALIFICATION, now, version);
            if (q.isPresent()) return q;
            if (qualification.decide(c, p, annotatorId) != Qualification.Status.PASSED) return Optional.empty();
        }
        if (p.goldEvery() > 0) {
            long done = Db.count(c, "SELECT COUNT(*) FROM platform_assignments a JOIN platform_items i ON i.id = a.item_id"
                    + " WHERE i.project_id = ? AND a.annotator_id = ? AND a.state = 'SUBMITTED' AND i.kind <> 'QUALIFICATION'", projectId, annotatorId);
            if ((done + 1) % p.goldEvery() == 0) {
                Optional<String> gold = assigner.leaseKnownAnswer(c, p, user, ItemKind.GOLD, now, version);
                if (gold.isPresent()) return gold;
            }
        }
        return assigner.leaseReal(c, p, user, now, version, contended);
    }

    /** The annotator's own task; another annotator's task is refused, not hidden, so misuse is visible. */
    public TaskView task(String annotatorId, String taskId) {
        return db.tx(t -> view(t, annotatorId, taskId));
    }

    private static TaskView view(Tx t, String annotatorId, String taskId) throws Exception {
        {
            Assignment a = Assignment.load(t.connection(), taskId);
            if (!a.annotatorId().equals(annotatorId)) throw PlatformError.forbidden("task " + taskId + " belongs to another annotator");
            Items.Item item = Items.load(t.connection(), a.itemId());
            Project p = ProjectService.load(t.connection(), item.projectId());
            String guideline = Db.one(t.connection(), "SELECT markdown FROM platform_guidelines WHERE project_id = ? AND version = ?",
                    rs -> rs.getString(1), p.id(), a.guidelineVersion()).orElse("");
            var prompt = t.prompts().find(item.promptId()).orElseThrow(() -> PlatformError.notFound("prompt " + item.promptId()));
            List<String> texts = new java.util.ArrayList<>();
            for (String id : a.shown()) texts.add(t.completions().find(id).orElseThrow().text());
            return new TaskView(a.id(), p.id(), p.name(), item.type(), a.guidelineVersion(), guideline, prompt.domain(),
                    prompt.conversation().turns(), texts, p.justification(), a.leaseExpiresAt(), a.state().equals("SUBMITTED"));
        }
    }

    /**
     * Stores the judgment for a leased task. Idempotent per submission key: a retry of an accepted
     * submission returns the first acknowledgement and stores nothing. Refuses another annotator's
     * task (FORBIDDEN), an expired lease (GONE), a second different submission (CONFLICT).
     */
    public SubmitResult submit(String annotatorId, String taskId, String submissionKey, JudgmentPayload payload) {
        if (submissionKey == null || !SUBMISSION_KEY.matcher(submissionKey).matches()) {
            throw PlatformError.invalid("submission_key", "must be 1-100 characters of letters, digits and _ . : -");
        }
        if (payload == null) throw PlatformError.invalid("body", "is required");
        return db.tx(t -> submit(t, annotatorId, taskId, submissionKey, payload, false));
    }

    /**
     * Like {@link #submit}, with the payload still as JSON: it is parsed for the task's own type inside
     * the same transaction, so an HTTP submission costs one round of database work, not two. The time
     * spent is measured here, from the lease to this submission: a client's time_spent_ms is its own
     * claim (a spammer reported 25 s for tasks done in milliseconds), and quality control reads the time.
     */
    public SubmitResult submitJson(String annotatorId, String taskId, String submissionKey, com.fasterxml.jackson.databind.JsonNode body) {
        if (submissionKey == null || !SUBMISSION_KEY.matcher(submissionKey).matches()) {
            throw PlatformError.invalid("submission_key", "must be 1-100 characters of letters, digits and _ . : -");
        }
        return db.tx(t -> {
            Assignment a = Assignment.load(t.connection(), taskId);
            if (!a.annotatorId().equals(annotatorId)) throw PlatformError.forbidden("task " + taskId + " belongs to another annotator");
            TaskType type = Items.load(t.connection(), a.itemId()).type();
            return submit(t, annotatorId, taskId, submissionKey, PayloadJson.parse(type, body), true);
        });
    }

    /** serverTimed: the time spent is the server's from lease to now, not the payload's (HTTP clients). */
    private SubmitResult submit(Tx t, String annotatorId, String taskId, String key, JudgmentPayload payload, boolean serverTimed)
            throws SQLException {
        Connection c = t.connection();
        Assignment a = Assignment.lock(c, taskId);
        if (!a.annotatorId().equals(annotatorId)) throw PlatformError.forbidden("task " + taskId + " belongs to another annotator");
        if (a.state().equals("SUBMITTED")) {
            if (key.equals(a.submissionKey())) return new SubmitResult(taskId, a.judgmentId(), true, Conversations.continuationOf(c, a));
            throw PlatformError.conflict("task " + taskId + " was already submitted with another submission key");
        }
        long now = clock.millis();
        if (!a.state().equals("LEASED") || a.leaseExpiresAt() <= now) {
            throw new PlatformError(PlatformError.Kind.GONE, null, "the lease on task " + taskId + " expired; fetch the next task");
        }
        if (Db.count(c, "SELECT COUNT(*) FROM platform_assignments WHERE annotator_id = ? AND submission_key = ?", annotatorId, key) > 0) {
            throw PlatformError.conflict("submission_key: already used for another task");
        }
        Items.Item item = Items.load(c, a.itemId());
        Project p = ProjectService.load(c, item.projectId());
        String justification = p.justification().check(payload.justification());
        long spentMs = Math.max(0, serverTimed ? now - a.leasedAt() : payload.timeSpentMs());
        JudgmentMeta meta = new JudgmentMeta(annotatorId, Instant.ofEpochMilli(now), p.id() + "/v" + a.guidelineVersion(),
                Duration.ofMillis(spentMs), justification);
        Judgment judgment = JudgmentFactory.build(Ids.derived("j", taskId), item.promptId(), item.type(), a.shown(), payload, meta);
        if (judgment != null) t.judgments().save(judgment);
        Boolean correct = item.goldAnswer() == null ? null
                : GoldScorer.matches(PayloadJson.read(item.goldAnswer()), item.completionIds(), payload, a.shown());
        Db.update(c, "UPDATE platform_assignments SET state = 'SUBMITTED', submitted_at = ?, submission_key = ?, judgment_id = ?,"
                        + " payload = ?, gold_correct = ?, time_spent_ms = ? WHERE id = ?",
                now, key, judgment == null ? null : judgment.id(), PayloadJson.write(payload), correct, spentMs, taskId);
        SubmitResult.Continuation next = payload instanceof JudgmentPayload.MultiTurn m && m.nextUserTurn() != null
                && !m.nextUserTurn().isBlank() && item.kind() == ItemKind.REAL
                ? Conversations.continueFrom(t, p, item, a, m, now) : null;
        return new SubmitResult(taskId, judgment == null ? null : judgment.id(), false, next);
    }
}
