package io.rlhf4j.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.rlhf4j.core.stats.ModelStrength;
import com.fasterxml.jackson.databind.JsonNode;
import io.rlhf4j.platform.AdjudicationService;
import io.rlhf4j.platform.DashboardService;
import io.rlhf4j.platform.ExportService;
import io.rlhf4j.platform.LeaderboardService;
import io.rlhf4j.platform.QualityService;
import io.rlhf4j.platform.User;
import io.rlhf4j.platform.UserRole;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dashboard, quality, adjudication queue, leaderboard and export: for admins and reviewers, never
 * annotators (they would see others' work and models).
 */
final class ReportRoutes {
    private final DashboardService dashboards;
    private final QualityService quality;
    private final AdjudicationService adjudication;
    private final LeaderboardService leaderboards;
    private final ExportService exports;

    ReportRoutes(DashboardService dashboards, QualityService quality, AdjudicationService adjudication, LeaderboardService leaderboards,
                 ExportService exports) {
        this.dashboards = dashboards;
        this.quality = quality;
        this.adjudication = adjudication;
        this.leaderboards = leaderboards;
        this.exports = exports;
    }

    void register(Javalin app) {
        app.get("/api/projects/{id}/dashboard", ctx -> { reviewer(ctx); ctx.json(dashboards.dashboard(ctx.pathParam("id"))); });
        app.get("/api/projects/{id}/quality", ctx -> { reviewer(ctx); ctx.json(quality.report(ctx.pathParam("id"))); });
        app.get("/api/projects/{id}/disputes", ctx -> { reviewer(ctx); ctx.json(adjudication.queue(ctx.pathParam("id"), 50)); });
        app.post("/api/projects/{id}/disputes/{item}", this::adjudicate);
        app.get("/api/projects/{id}/leaderboard", this::leaderboard);
        app.get("/api/projects/{id}/export", ctx -> {
            reviewer(ctx);
            Object export = exports.export(ctx.pathParam("id"));
            ctx.header("Content-Disposition", attachment(ctx.pathParam("id") + "-export.json"));
            ctx.json(export);
        });
    }

    private void leaderboard(Context ctx) {
        reviewer(ctx);
        LeaderboardService.Leaderboard board = leaderboards.leaderboard(ctx.pathParam("id"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("project_id", board.projectId());
        out.put("battles", board.battles());
        out.put("bootstrap_rounds", LeaderboardService.BOOTSTRAP_ROUNDS);
        out.put("confidence", 0.95);
        List<ModelStrength> models = board.fit().map(f -> f.strengths()).orElse(List.of());
        out.put("models", models);
        ctx.json(out);
    }

    /** {"accept_task_id": "...", "note": "..."}: the reviewer accepts one submitted answer as the item's label. */
    private void adjudicate(Context ctx) {
        User u = reviewer(ctx);
        JsonNode b = JsonBody.read(ctx, PlatformServer.MAX_SMALL_BODY);
        ctx.status(201).json(adjudication.adjudicate(ctx.pathParam("id"), ctx.pathParam("item"), u.id(),
                JsonBody.text(b, "accept_task_id", 64), JsonBody.optionalText(b, "note", AdjudicationService.MAX_NOTE)));
    }

    /**
     * A Content-Disposition naming a download. Only letters, digits, '.', '_' and '-' reach the header
     * (anything else becomes '_'), so a crafted id cannot end the quoted name, add parameters or
     * inject header lines.
     */
    static String attachment(String filename) {
        return "attachment; filename=\"" + filename.replaceAll("[^A-Za-z0-9._-]", "_") + "\"";
    }

    private static User reviewer(Context ctx) {
        return Auth.require(ctx, UserRole.ADMIN, UserRole.REVIEWER);
    }
}
