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
import java.util.Optional;

/**
 * Login, logout (this session or all of the account's), the caller's own password change, and "who
 * am I". Login is the one state-changing call that needs no session: it is throttled per account
 * and per address instead.
 */
final class AuthRoutes {
    private final AccountService accounts;
    private final SessionService sessions;
    private final Duration lifetime;
    private final LoginThrottle throttle;
    private final boolean secureCookies;

    AuthRoutes(AccountService accounts, SessionService sessions, Duration lifetime, LoginThrottle throttle, boolean secureCookies) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.lifetime = lifetime;
        this.throttle = throttle;
        this.secureCookies = secureCookies;
    }

    void register(Javalin app) {
        app.post("/api/login", this::login);
        app.post("/api/logout", this::logout);
        app.post("/api/logout-everywhere", this::logoutEverywhere);
        app.post("/api/me/password", this::changePassword);
        app.get("/api/me", ctx -> ctx.json(me(Auth.principal(ctx).user(), Auth.principal(ctx).session().csrfToken(), null)));
    }

    /** {"username","password"} → session cookie; with "bearer": true a token in the body instead (API clients). */
    private void login(Context ctx) {
        JsonNode body = JsonBody.read(ctx, PlatformServer.MAX_SMALL_BODY);
        String username = JsonBody.text(body, "username", 64);
        String password = JsonBody.text(body, "password", 200);
        boolean bearer = body.path("bearer").asBoolean(false);
        throttle.check(username, ctx.ip());
        Optional<User> user = accounts.authenticate(username, password);
        if (user.isEmpty()) {
            throttle.failed(username, ctx.ip());
            throw new ApiError(401, "password", "unknown username or wrong password");
        }
        throttle.succeeded(username);
        SessionService.Session s = sessions.open(user.get().id());
        if (!bearer) Auth.setCookie(ctx, s.token(), lifetime.toSeconds(), secureCookies);
        ctx.json(me(user.get(), bearer ? null : s.csrfToken(), bearer ? s.token() : null));
    }

    private void logout(Context ctx) {
        sessions.close(Auth.principal(ctx).session().token());
        Auth.setCookie(ctx, "", 0, secureCookies);
        ctx.status(204);
    }

    /** Ends every session of the caller's account: other browsers, API tokens, a device left logged in. */
    private void logoutEverywhere(Context ctx) {
        int ended = sessions.closeAll(Auth.principal(ctx).user().id());
        Auth.setCookie(ctx, "", 0, secureCookies);
        ctx.json(Map.of("sessions_ended", ended));
    }

    /** {"current_password", "new_password"}: the caller's other sessions end; this one stays. */
    private void changePassword(Context ctx) {
        Auth.Principal p = Auth.principal(ctx);
        JsonNode body = JsonBody.read(ctx, PlatformServer.MAX_SMALL_BODY);
        accounts.changePassword(p.user().id(), JsonBody.text(body, "current_password", 200), JsonBody.text(body, "new_password", 200));
        ctx.json(Map.of("other_sessions_ended", sessions.closeOthers(p.user().id(), p.session().token())));
    }

    private static Map<String, Object> me(User u, String csrf, String token) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("user", u);
        if (csrf != null) out.put("csrf_token", csrf);
        if (token != null) out.put("token", token);
        return out;
    }
}
