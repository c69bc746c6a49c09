package io.rlhf4j.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/**
 * One simulated annotator: logs in with a bearer token, waits for the whole panel to be logged in
 * (so the timed phase measures annotation, not the Argon2 login storm), then fetches and answers
 * tasks until the queue is empty or the run's budget is spent. A submission that fails in transit (connection
 * refused while the server restarts, 5xx) is retried with the same submission key, exactly as a
 * careful client should, so the run also proves retries never double-count.
 */
final class VirtualAnnotator implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BenchRun run;
    private final String username;
    private final HttpClient http;
    private String token;

    VirtualAnnotator(BenchRun run, String username, HttpClient http) {
        this.run = run;
        this.username = username;
        this.http = http;
    }

    @Override
    public void run() {
        try {
            boolean in = login();
            run.loggedIn.countDown();
            run.start.await();
            if (!in) { run.loginFailures.incrementAndGet(); return; }
            int emptyInARow = 0;
            while (!run.outOfBudget()) {
                HttpResponse<String> next = send("POST", "/api/tasks/next?project=" + run.projectId, null, run.nextLatency);
                if (next == null) continue;
                if (next.statusCode() == 204) {
                    if (++emptyInARow >= 3) return;
                    pause(50);
                    continue;
                }
                emptyInARow = 0;
                if (next.statusCode() != 200) { run.error("next " + next.statusCode()); pause(20); continue; }
                JsonNode task = JSON.readTree(next.body());
                answer(task.get("task_id").asText(), task.get("conversation").toString(),
                        task.get("candidates").get(0).asText().startsWith("long"));
            }
        } catch (IOException | InterruptedException e) {
            run.error("annotator stopped: " + e.getClass().getSimpleName());
        }
    }

    /** Prefers the longer answer (a stable, position-independent taste) and retries until acknowledged. */
    private void answer(String taskId, String prompt, boolean longIsFirst) throws IOException, InterruptedException {
        String body = "{\"submission_key\":\"" + UUID.randomUUID() + "\",\"choice\":\"" + (longIsFirst ? "A" : "B")
                + "\",\"strength\":2,\"time_spent_ms\":1000}";
        while (!run.pastDeadline()) {
            HttpResponse<String> r = send("POST", "/api/tasks/" + taskId + "/submit", body, run.submitLatency);
            if (r == null) continue;
            if (r.statusCode() >= 500) { run.error("submit " + r.statusCode()); pause(100); continue; }
            if (r.statusCode() == 200 || r.statusCode() == 201) {
                if (r.statusCode() == 200) run.duplicates.incrementAndGet();
                run.acknowledged.add(new BenchRun.Ack(username, prompt, JSON.readTree(r.body()).get("judgment_id").asText()));
                return;
            }
            run.error("submit " + r.statusCode());
            return;
        }
    }

    private boolean login() throws InterruptedException {
        String body = "{\"username\":\"" + username + "\",\"password\":\"" + run.password + "\",\"bearer\":true}";
        while (!run.pastDeadline()) {
            HttpResponse<String> r = send("POST", "/api/login", body, run.loginLatency, Duration.ofSeconds(120), false);
            if (r != null && r.statusCode() == 200) {
                try {
                    token = JSON.readTree(r.body()).get("token").asText();
                    return true;
                } catch (IOException e) {
                    return false;
                }
            }
            pause(200);
        }
        return false;
    }

    /** One request, timed; null (and an error counted) when it never got a response. */
    private HttpResponse<String> send(String method, String path, String json, Latencies latencies) throws InterruptedException {
        return send(method, path, json, latencies, Duration.ofSeconds(30), true);
    }

    private HttpResponse<String> send(String method, String path, String json, Latencies latencies, Duration timeout, boolean counted)
            throws InterruptedException {
        if (counted) run.requests.incrementAndGet();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(run.baseUrl + path)).timeout(timeout)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) b.header("Content-Type", "application/json");
        if (token != null) b.header("Authorization", "Bearer " + token);
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            latencies.record(System.nanoTime() - t0);
            return r;
        } catch (IOException e) {
            if (counted) run.error(path.substring(path.lastIndexOf('/') + 1).replaceAll("\\?.*", "") + " " + e.getClass().getSimpleName());
            pause(100);
            return null;
        }
    }

    private static void pause(long ms) throws InterruptedException {
        Thread.sleep(ms);
    }
}
