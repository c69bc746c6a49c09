package io.rlhf4j.platform;

import io.rlhf4j.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Login sessions, kept in the database so they survive a server restart. The token goes to the
 * browser as a cookie (or to API clients as a bearer token); only its SHA-256 is stored. Each
 * session has its own CSRF token, which state-changing browser requests must echo in a header.
 */
public final class SessionService {
    public record Session(String token, String userId, String csrfToken, long expiresAt) {}

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Db db;
    private final Clock clock;
    private final Duration lifetime;

    public SessionService(Store store, Clock clock, Duration lifetime) {
        this.db = new Db(store);
        this.clock = clock;
        this.lifetime = lifetime;
    }

    public Session open(String userId) {
        String token = randomToken();
        String csrf = randomToken();
        long now = clock.millis();
        long expires = now + lifetime.toMillis();
        db.update("INSERT INTO platform_sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?,?,?,?,?)",
                sha256(token), userId, csrf, now, expires);
        return new Session(token, userId, csrf, expires);
    }

    /** The live session for this token; expired ones are treated as absent. */
    public Optional<Session> find(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) return Optional.empty();
        return db.one("SELECT user_id, csrf_token, expires_at FROM platform_sessions WHERE token_hash = ? AND expires_at > ?",
                rs -> new Session(token, rs.getString(1), rs.getString(2), rs.getLong(3)), sha256(token), clock.millis());
    }

    /** The live session for this token with its user, read in one transaction (this runs on every request). */
    public Optional<Authenticated> authenticate(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) return Optional.empty();
        return db.tx(t -> {
            Optional<Session> s = Db.one(t.connection(), "SELECT user_id, csrf_token, expires_at FROM platform_sessions WHERE token_hash = ? AND expires_at > ?",
                    rs -> new Session(token, rs.getString(1), rs.getString(2), rs.getLong(3)), sha256(token), clock.millis());
            if (s.isEmpty()) return Optional.<Authenticated>empty();
            return AccountService.load(t.connection(), s.get().userId()).filter(u -> !u.disabled()).map(u -> new Authenticated(s.get(), u));
        });
    }

    public record Authenticated(Session session, User user) {}

    public void close(String token) {
        if (token != null) db.update("DELETE FROM platform_sessions WHERE token_hash = ?", sha256(token));
    }

    /** Ends every session of the account (logout everywhere, a disabled account, a password reset). */
    public int closeAll(String userId) {
        return db.update("DELETE FROM platform_sessions WHERE user_id = ?", userId);
    }

    /** Ends the account's other sessions, keeping {@code token}'s (after the person changed their password). */
    public int closeOthers(String userId, String token) {
        return db.update("DELETE FROM platform_sessions WHERE user_id = ? AND token_hash <> ?", userId, sha256(token));
    }

    /** Constant-time comparison, so the CSRF check leaks nothing through timing. */
    public static boolean sameToken(String expected, String given) {
        if (expected == null || given == null) return false;
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
