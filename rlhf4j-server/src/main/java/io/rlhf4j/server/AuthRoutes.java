package io.rlhf4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.rlhf4j.platform.AccountService;
import io.rlhf4j.platform.SessionService;
import io.rlhf4j.platform.User;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Login, logout and "who am I". Login is the one state-changing call that needs no session. */
final class AuthRoutes {
    private final AccountService accounts;
    private final SessionService sessions;
    private final Duration lifetime;

    AuthRoutes(AccountService accounts, SessionService sessions, Duration lifetime) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.lifetime = lifetime;
    }

    void register(Javalin app) {
        app.post("/api/login", this::login);
        app.post("/api/logout", this::logout);
        app.get("/api/me", ctx -> ctx.json(me(Auth.principal(ctx).user(), Auth.principal(ctx).session().csrfToken(), null)));
    }

    /** {"username","password"} → session cookie; with "bearer": true a token in the body instead (API clients). */
    private void login(Context ctx) {
        JsonNode body = JsonBody.read(ctx, PlatformServer.MAX_SMALL_BODY);
        String username = JsonBody.text(body, "username", 64);
        String password = JsonBody.text(body, "password", 200);
        boolean bearer = body.path("bearer").asBoolean(false);
        User user = accounts.authenticate(username, password)
                .orElseThrow(() -> new ApiError(401, "password", "unknown username or wrong password"));
        SessionService.Session s = sessions.open(user.id());
        if (!bearer) Auth.setCookie(ctx, s.token(), lifetime.toSeconds());
        ctx.json(me(user, bearer ? null : s.csrfToken(), bearer ? s.token() : null));
    }

    private void logout(Context ctx) {
        sessions.close(Auth.principal(ctx).session().token());
        Auth.setCookie(ctx, "", 0);
        ctx.status(204);
    }

    private static Map<String, Object> me(User u, String csrf, String token) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("user", u);
        if (csrf != null) out.put("csrf_token", csrf);
        if (token != null) out.put("token", token);
        return out;
    }
}
