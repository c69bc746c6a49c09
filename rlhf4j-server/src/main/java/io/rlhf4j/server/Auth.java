package io.rlhf4j.server;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.rlhf4j.platform.SessionService;
import io.rlhf4j.platform.User;
import io.rlhf4j.platform.UserRole;

import java.util.Arrays;
import java.util.Set;

/**
 * Who is calling, and may they. Browsers authenticate with an HttpOnly SameSite=Strict session cookie
 * and must echo the session's CSRF token in X-CSRF-Token on every state-changing request; API
 * clients send Authorization: Bearer, which a foreign page cannot attach, so it needs no CSRF token.
 */
final class Auth {
    static final String COOKIE = "rlhf4j_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String PRINCIPAL = "rlhf4j.principal";
    private static final Set<HandlerType> SAFE = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

    record Principal(User user, SessionService.Session session, boolean viaCookie) {}

    private final SessionService sessions;

    Auth(SessionService sessions) {
        this.sessions = sessions;
    }

    /** Before-handler for every /api route except the public ones: 401 without a live session, 403 on a CSRF failure. */
    void authenticate(Context ctx) {
        String bearer = bearerToken(ctx);
        String token = bearer != null ? bearer : ctx.cookie(COOKIE);
        SessionService.Authenticated found = sessions.authenticate(token).orElseThrow(ApiError::unauthenticated);
        User user = found.user();
        boolean viaCookie = bearer == null;
        if (viaCookie && !SAFE.contains(ctx.method())
                && !SessionService.sameToken(found.session().csrfToken(), ctx.header(CSRF_HEADER))) {
            throw new ApiError(403, CSRF_HEADER, "CSRF token missing or wrong: send the token from /api/me in the " + CSRF_HEADER + " header");
        }
        ctx.attribute(PRINCIPAL, new Principal(user, found.session(), viaCookie));
    }

    static Principal principal(Context ctx) {
        Principal p = ctx.attribute(PRINCIPAL);
        if (p == null) throw ApiError.unauthenticated();
        return p;
    }

    /** The caller, if their role is one of {@code roles}; 403 otherwise. */
    static User require(Context ctx, UserRole... roles) {
        User u = principal(ctx).user();
        if (Arrays.stream(roles).noneMatch(r -> r == u.role())) {
            throw ApiError.forbidden("this needs the role " + Arrays.toString(roles).toLowerCase() + "; you are " + u.role().name().toLowerCase());
        }
        return u;
    }

    /** secure: the browser sends the cookie over HTTPS only (the server runs behind a TLS proxy). */
    static void setCookie(Context ctx, String token, long maxAgeSeconds, boolean secure) {
        ctx.header("Set-Cookie", COOKIE + "=" + token + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : ""));
    }

    private static String bearerToken(Context ctx) {
        String h = ctx.header("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) return null;
        return h.substring(7).trim();
    }
}
