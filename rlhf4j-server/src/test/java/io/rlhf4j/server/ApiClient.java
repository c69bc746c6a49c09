package io.rlhf4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/** A tiny browser stand-in for API tests: keeps the session cookie and CSRF token like the web UI does. */
final class ApiClient {
    record Response(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final String base;
    String cookie;
    String csrf;
    String bearer;

    ApiClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    Response login(String username, String password) {
        Response r = send("POST", "/api/login", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}", false);
        if (r.status() == 200) {
            cookie = r.raw().headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            csrf = r.json().get("csrf_token").asText();
        }
        return r;
    }

    Response loginBearer(String username, String password) {
        Response r = send("POST", "/api/login", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\",\"bearer\":true}", false);
        if (r.status() == 200) bearer = r.json().get("token").asText();
        return r;
    }

    Response get(String path) {
        return send("GET", path, null, true);
    }

    Response post(String path, String json) {
        return send("POST", path, json, true);
    }

    Response put(String path, String json) {
        return send("PUT", path, json, true);
    }

    /** Sends with whatever credentials this client holds; withCsrf false leaves the CSRF header off. */
    Response send(String method, String path, String json, boolean withCsrf) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) b.header("Content-Type", "application/json");
        if (cookie != null) b.header("Cookie", cookie);
        if (bearer != null) b.header("Authorization", "Bearer " + bearer);
        if (withCsrf && csrf != null) b.header("X-CSRF-Token", csrf);
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        }
    }

    static String headerOf(Response r, String name) {
        List<String> values = r.raw().headers().allValues(name);
        return values.isEmpty() ? null : values.get(0);
    }
}
