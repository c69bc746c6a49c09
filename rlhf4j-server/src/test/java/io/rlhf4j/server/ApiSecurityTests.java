package io.rlhf4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.rlhf4j.platform.Platform;
import io.rlhf4j.platform.Project;
import io.rlhf4j.platform.TaskType;
import io.rlhf4j.platform.UserRole;
import io.rlhf4j.store.testing.StoreTestBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The API's security rules, end to end over HTTP; written once, run on H2 and on PostgreSQL. */
abstract class ApiSecurityTests extends StoreTestBase {
    private Platform platform;
    private PlatformServer server;
    private Project project;
    private ApiClient admin, ann1, ann2, anonymous;

    @BeforeEach
    void startServer() {
        platform = new Platform(store);
        server = PlatformServer.start(store, "127.0.0.1", 0, Platform.TEST_HASHER, platform.clock);
        platform.accounts.create("boss", null, UserRole.ADMIN, "boss-password", Map.of());
        platform.annotator("ann1", null);
        platform.annotator("ann2", null);
        project = platform.project(Set.of(TaskType.PAIRWISE), 2, 2, 2, "general");
        admin = new ApiClient(server.port());
        ann1 = new ApiClient(server.port());
        ann2 = new ApiClient(server.port());
        anonymous = new ApiClient(server.port());
        assertThat(admin.login("boss", "boss-password").status()).isEqualTo(200);
        assertThat(ann1.login("ann1", "password-ann1").status()).isEqualTo(200);
        assertThat(ann2.login("ann2", "password-ann2").status()).isEqualTo(200);
    }

    @AfterEach
    void stopServer() {
        if (server != null) server.close();
    }

    private String pid() {
        return "/api/projects/" + project.id();
    }

    private JsonNode nextTask(ApiClient c) {
        ApiClient.Response r = c.post("/api/tasks/next", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static String pairwise(String key) {
        return "{\"submission_key\":\"" + key + "\",\"choice\":\"A\",\"strength\":2}";
    }

    @Test
    void refusesEveryProtectedEndpointWithoutLoginWith401() {
        for (String path : List.of("/api/me", "/api/projects", "/api/users", "/api/tasks/t_x", pid() + "/dashboard", pid() + "/export",
                pid() + "/quality", pid() + "/disputes")) {
            ApiClient.Response r = anonymous.get(path);
            assertThat(r.status()).as(path).isEqualTo(401);
            assertThat(r.json().get("error").asText()).contains("log in");
        }
        assertThat(anonymous.post("/api/tasks/next", null).status()).isEqualTo(401);
        assertThat(anonymous.login("ann1", "wrong-password").status()).isEqualTo(401);
    }

    @Test
    void refusesAnnotatorOnEveryAdminAndReportEndpointWith403() {
        List<ApiClient.Response> attempts = List.of(
                ann1.get("/api/users"),
                ann1.post("/api/users", "{\"username\":\"evil\",\"password\":\"12345678\",\"role\":\"ADMIN\"}"),
                ann1.post("/api/projects", "{\"name\":\"x\",\"task_types\":[\"pairwise\"],\"guideline\":\"g\"}"),
                ann1.get(pid()),
                ann1.put(pid() + "/guideline", "{\"markdown\":\"mine now\"}"),
                ann1.post(pid() + "/prompts", "{\"prompts\":[{\"text\":\"hi\"}]}"),
                ann1.post(pid() + "/candidates", "{\"candidates\":[]}"),
                ann1.post(pid() + "/known-answers", "{}"),
                ann1.post(pid() + "/generate", "{\"count\":2}"),
                ann1.get(pid() + "/dashboard"),
                ann1.get(pid() + "/leaderboard"),
                ann1.get(pid() + "/export"),
                ann1.get(pid() + "/quality"),
                ann1.get(pid() + "/disputes"),
                ann1.post(pid() + "/disputes/it_x", "{\"accept_task_id\":\"t_x\"}"));
        assertThat(attempts).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(403));
        assertThat(platform.accounts.list()).noneMatch(u -> u.username().equals("evil"));
        assertThat(platform.projects.guideline(project.id()).version()).isEqualTo(1);
    }

    @Test
    void generatingCandidatesWithoutAModelIsAClearConflict() {
        ApiClient.Response r = admin.post(pid() + "/generate", "{\"count\":2}");
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("error").asText()).contains("--model");
        assertThat(fieldOf(admin.post(pid() + "/generate", "{\"count\":99}"))).isEqualTo("count");
    }

    /** Every route the server registers ("METHOD /path"), read from its source, with path parameters filled in. */
    private List<String[]> registeredRoutes() throws java.io.IOException {
        java.util.regex.Pattern route = java.util.regex.Pattern.compile("app\\.(get|post|put|delete)\\(\"(/api/[^\"]+)\"");
        List<String[]> out = new java.util.ArrayList<>();
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/java/io/rlhf4j/server"))) {
            for (var f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                var m = route.matcher(java.nio.file.Files.readString(f));
                while (m.find()) {
                    out.add(new String[]{m.group(1).toUpperCase(java.util.Locale.ROOT),
                            m.group(2).replace("{id}", project.id()).replace("{item}", "it_x")});
                }
            }
        }
        assertThat(out).hasSizeGreaterThanOrEqualTo(20);
        return out;
    }

    @Test
    void everyRegisteredRouteButLoginHealthAndOpenApiRefusesAnonymousCallersWith401() throws Exception {
        Set<String> open = Set.of("/api/login", "/api/health", "/api/openapi.json");
        for (String[] r : registeredRoutes()) {
            if (open.contains(r[1])) continue;
            ApiClient.Response res = anonymous.send(r[0], r[1], r[0].equals("GET") ? null : "{}", false);
            assertThat(res.status()).as(r[0] + " " + r[1]).isEqualTo(401);
        }
    }

    @Test
    void everyAdminAndReviewerRouteRefusesAnAnnotatorWith403() throws Exception {
        // What an annotator may call: their session and password, the project list (names only), their own tasks.
        Set<String> annotatorRoutes = Set.of("POST /api/login", "POST /api/logout", "POST /api/logout-everywhere", "GET /api/me",
                "POST /api/me/password", "GET /api/projects", "GET /api/health", "GET /api/openapi.json", "POST /api/tasks/next");
        int checked = 0;
        for (String[] r : registeredRoutes()) {
            if (annotatorRoutes.contains(r[0] + " " + r[1]) || r[1].startsWith("/api/tasks/")) continue;
            ApiClient.Response res = ann1.send(r[0], r[1], r[0].equals("GET") ? null : "{}", true);
            assertThat(res.status()).as(r[0] + " " + r[1] + ": " + res.body()).isEqualTo(403);
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(14);
        assertThat(platform.projects.guideline(project.id()).version()).isEqualTo(1);
    }

    @Test
    void refusesAnnotatorAccessToAnotherAnnotatorsTask() {
        String taskId = nextTask(ann1).get("task_id").asText();
        assertThat(ann2.get("/api/tasks/" + taskId).status()).isEqualTo(403);
        assertThat(ann2.post("/api/tasks/" + taskId + "/submit", pairwise("k1")).status()).isEqualTo(403);
        assertThat(ann1.get("/api/tasks/" + taskId).status()).isEqualTo(200);
        assertThat(countJudgments()).isZero();
    }

    @Test
    void taskSentToAnnotatorHidesModelsAndCompletionIds() {
        JsonNode task = nextTask(ann1);
        String raw = task.toString();
        assertThat(raw).doesNotContain("\"m0\"", "\"m1\"", "c_", "model", "gold", "kind");
        assertThat(task.get("candidates")).hasSize(2);
        assertThat(admin.get(pid()).body()).contains("\"model\":\"m0\"");
    }

    @Test
    void refusesStateChangesWithMissingOrWrongCsrfToken() {
        ApiClient.Response missing = ann1.send("POST", "/api/tasks/next", null, false);
        assertThat(missing.status()).isEqualTo(403);
        assertThat(missing.json().get("field").asText()).isEqualTo("X-CSRF-Token");
        String good = ann1.csrf;
        ann1.csrf = "forged";
        assertThat(ann1.post("/api/tasks/next", null).status()).isEqualTo(403);
        ann1.csrf = ann2.csrf;
        assertThat(ann1.post("/api/tasks/next", null).status()).as("another session's token").isEqualTo(403);
        ann1.csrf = good;
        assertThat(ann1.post("/api/tasks/next", null).status()).isEqualTo(200);
        ApiClient api = new ApiClient(server.port());
        assertThat(api.loginBearer("ann2", "password-ann2").status()).isEqualTo(200);
        assertThat(api.post("/api/tasks/next", null).status()).as("bearer clients need no CSRF token").isEqualTo(200);
    }

    @Test
    void retriedSubmissionIsAcknowledgedAgainButCountedOnce() {
        String taskId = nextTask(ann1).get("task_id").asText();
        ApiClient.Response first = ann1.post("/api/tasks/" + taskId + "/submit", pairwise("retry-1"));
        ApiClient.Response retry = ann1.post("/api/tasks/" + taskId + "/submit", pairwise("retry-1"));
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json().get("duplicate").asBoolean()).isTrue();
        assertThat(retry.json().get("judgment_id").asText()).isEqualTo(first.json().get("judgment_id").asText());
        assertThat(countJudgments()).isEqualTo(1);
    }

    @Test
    void refusesOversizeBodyWith413() {
        String huge = "{\"prompts\":[{\"text\":\"" + "x".repeat((int) PlatformServer.MAX_BODY) + "\"}]}";
        ApiClient.Response r = admin.post(pid() + "/prompts", huge);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().get("field").asText()).isEqualTo("body");
    }

    @Test
    void refusesMalformedInputWith400NamingTheField() {
        String taskId = nextTask(ann1).get("task_id").asText();
        String submit = "/api/tasks/" + taskId + "/submit";
        assertThat(fieldOf(ann1.post(submit, "{\"submission_key\": \"k\", \"choice\": "))).isEqualTo("body");
        assertThat(fieldOf(ann1.post(submit, "{\"submission_key\":\"k\",\"choice\":\"A\",\"strength\":\"strong\"}"))).isEqualTo("strength");
        assertThat(fieldOf(ann1.post(submit, "{\"submission_key\":\"k\",\"choice\":\"MAYBE\"}"))).isEqualTo("choice");
        assertThat(fieldOf(ann1.post(submit, "{\"choice\":\"A\",\"strength\":1}"))).isEqualTo("submission_key");
        assertThat(fieldOf(ann1.post(submit, "{\"submission_key\":\"k\",\"choice\":\"A\",\"strength\":9}"))).isEqualTo("strength");
        assertThat(fieldOf(admin.post("/api/projects", "{\"name\":\"x\",\"task_types\":[\"pairwise\"],\"guideline\":\"g\",\"overlap\":0}")))
                .isEqualTo("overlap");
        assertThat(countJudgments()).isZero();
    }

    @Test
    void sessionCookieIsHttpOnlyAndSameSiteStrict() {
        ApiClient c = new ApiClient(server.port());
        ApiClient.Response r = c.login("ann1", "password-ann1");
        String setCookie = ApiClient.headerOf(r, "Set-Cookie");
        assertThat(setCookie).contains("HttpOnly", "SameSite=Strict", "Path=/");
        assertThat(ApiClient.headerOf(r, "Content-Security-Policy")).contains("script-src 'self'");
        assertThat(c.post("/api/logout", null).status()).isEqualTo(204);
        assertThat(c.get("/api/me").status()).as("the session is gone after logout").isEqualTo(401);
    }

    private static String fieldOf(ApiClient.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        return r.json().get("field").asText();
    }

    private long countJudgments() {
        Long n = store.transaction(tx -> tx.judgments().count());
        return n;
    }
}
