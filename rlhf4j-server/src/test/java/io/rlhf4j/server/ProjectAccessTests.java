package io.rlhf4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.rlhf4j.platform.Project;
import io.rlhf4j.platform.TaskType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Who sees which project, what the server believes about time spent, and what reaches download headers. */
abstract class ProjectAccessTests extends ServerTestBase {
    @Test
    void anAnnotatorSeesAndGetsWorkOnlyFromProjectsTheyAreAMemberOf() {
        ApiClient member = annotator("mia");
        ApiClient outsider = annotator("otto");
        JsonNode created = admin.post("/api/projects", "{\"name\":\"secret\",\"task_types\":[\"pairwise\"],\"overlap\":2,"
                + "\"guideline\":\"g\",\"usernames\":[\"mia\"]}").json();
        String id = created.get("id").asText();
        assertThat(created.get("members_only").asBoolean()).as("members-only unless opened").isTrue();
        Project p = platform.projects.get(id);
        platform.addPrompts(p, 3, 2, "general");

        assertThat(outsider.get("/api/projects").json()).isEmpty();
        assertThat(outsider.post("/api/tasks/next?project=" + id, null).status()).isEqualTo(403);
        assertThat(outsider.post("/api/tasks/next", null).status()).as("no work anywhere for an outsider").isEqualTo(204);
        assertThat(member.get("/api/projects").json()).hasSize(1);
        assertThat(member.post("/api/tasks/next?project=" + id, null).status()).isEqualTo(200);

        admin.put("/api/projects/" + id + "/members", "{\"members_only\":true,\"usernames\":[\"mia\",\"otto\"]}");
        assertThat(outsider.post("/api/tasks/next", null).status()).isEqualTo(200);
    }

    @Test
    void theTimeSpentOnATaskIsWhatTheServerMeasuredNotWhatTheClientClaims() {
        ApiClient spammer = annotator("sam");
        Project p = platform.project(Set.of(TaskType.PAIRWISE), 1, 2, 2, "general");
        String task = spammer.post("/api/tasks/next?project=" + p.id(), null).json().get("task_id").asText();
        platform.clock.advance(Duration.ofSeconds(3));
        ApiClient.Response r = spammer.post("/api/tasks/" + task + "/submit",
                "{\"submission_key\":\"k1\",\"choice\":\"A\",\"strength\":2,\"time_spent_ms\":25000}");
        assertThat(r.status()).isEqualTo(201);
        JsonNode stats = admin.get("/api/projects/" + p.id() + "/dashboard").json().get("annotators").get(0);
        assertThat(stats.get("mean_seconds_per_task").asDouble()).isEqualTo(3.0);
    }

    @Test
    void theExportFilenameCannotCarryQuotesOrExtraHeaderParameters() {
        Project p = platform.project(Set.of(TaskType.PAIRWISE), 1, 1, 2, "general");
        assertThat(ReportRoutes.attachment(p.id() + "-export.json")).isEqualTo("attachment; filename=\"" + p.id() + "-export.json\"");
        assertThat(ReportRoutes.attachment("x\";evil=\"1\r\nSet-Cookie: a=b")).isEqualTo("attachment; filename=\"x__evil__1__Set-Cookie__a_b\"");
        ApiClient.Response crafted = admin.get("/api/projects/" + "x%22%3Bevil%3D1" + "/export");
        assertThat(crafted.status()).isEqualTo(404);
        assertThat(ApiClient.headerOf(crafted, "Content-Disposition")).isNull();
        assertThat(ApiClient.headerOf(admin.get("/api/projects/" + p.id() + "/export"), "Content-Disposition"))
                .isEqualTo("attachment; filename=\"" + p.id() + "-export.json\"");
    }
}
