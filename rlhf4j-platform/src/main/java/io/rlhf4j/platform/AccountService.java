package io.rlhf4j.platform;

import io.rlhf4j.core.data.ExpertiseLevel;
import io.rlhf4j.core.data.Ids;
import io.rlhf4j.store.Store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Accounts: creation, password login, roles and per-domain expertise. Every account is also saved
 * as a store Annotator (same id), because judgments reference annotators by foreign key.
 */
public final class AccountService {
    private final Db db;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final java.util.Random ids;
    /** A hash of a random password, made on first use, for logins with an unknown username. */
    private volatile String dummyHash;

    public AccountService(Store store, PasswordHasher hasher, Clock clock) {
        this(store, hasher, clock, null);
    }

    /** With a seeded random, user ids are reproducible (simulations); null draws them from UUIDs. */
    public AccountService(Store store, PasswordHasher hasher, Clock clock, java.util.Random ids) {
        this.db = new Db(store);
        this.hasher = hasher;
        this.clock = clock;
        this.ids = ids;
    }

    public User create(String username, String displayName, UserRole role, String password,
                       Map<String, ExpertiseLevel> expertise) {
        Validate.name(username, "username");
        String shown = displayName == null || displayName.isBlank() ? username : Validate.text(displayName, "display_name", 200);
        if (role == null) throw PlatformError.invalid("role", "is required");
        PasswordPolicy.check(username, password);
        Map<String, ExpertiseLevel> levels = expertise == null ? Map.of() : expertise;
        levels.keySet().forEach(d -> Validate.text(d, "expertise.domain", 200));
        String hash = hasher.hash(password);
        String id = Ids.random("u", ids);
        return db.tx(t -> {
            Connection c = t.connection();
            if (Db.count(c, "SELECT COUNT(*) FROM platform_users WHERE username = ?", username) > 0) {
                throw new PlatformError(PlatformError.Kind.CONFLICT, "username", "username: '" + username + "' is taken");
            }
            Db.update(c, "INSERT INTO platform_users (id, username, display_name, role, password_hash, created_at) VALUES (?,?,?,?,?,?)",
                    id, username, shown, role.name(), hash, clock.millis());
            writeExpertise(c, id, levels);
            User user = new User(id, username, shown, role, levels, false);
            t.annotators().save(user.asAnnotator());
            return user;
        });
    }

    /**
     * The account for these credentials, or empty; the same answer, after the same work, for an
     * unknown user, a wrong password and a disabled account. An unknown username is checked against a
     * hash of a random password, so how long the answer takes does not tell which usernames exist.
     */
    public Optional<User> authenticate(String username, String password) {
        if (username == null || username.length() > 64) return Optional.empty();
        Optional<String[]> row = db.one("SELECT id, password_hash, disabled FROM platform_users WHERE username = ?",
                rs -> new String[]{rs.getString(1), rs.getString(2), Boolean.toString(rs.getBoolean(3))}, username);
        boolean verified = hasher.verify(password, row.isPresent() ? row.get()[1] : dummyHash());
        if (row.isEmpty() || !verified || Boolean.parseBoolean(row.get()[2])) return Optional.empty();
        return find(row.get()[0]);
    }

    /** The caller's own password change: the current password first, then the policy for the new one. */
    public void changePassword(String userId, String current, String next) {
        User user = require(userId);
        String stored = db.one("SELECT password_hash FROM platform_users WHERE id = ?", rs -> rs.getString(1), userId).orElseThrow();
        if (current == null || !hasher.verify(current, stored)) throw PlatformError.invalid("current_password", "is wrong");
        if (current.equals(next)) throw PlatformError.invalid("new_password", "must differ from the current one");
        setPassword(user, next, "new_password");
    }

    /** An admin sets a new password for an account (the person forgot theirs). */
    public void resetPassword(String userId, String next) {
        setPassword(require(userId), next, "password");
    }

    private void setPassword(User user, String next, String field) {
        try {
            PasswordPolicy.check(user.username(), next);
        } catch (PlatformError e) {
            throw PlatformError.invalid(field, e.getMessage().replaceFirst("^password: ", ""));
        }
        String hash = hasher.hash(next);
        db.update("UPDATE platform_users SET password_hash = ? WHERE id = ?", hash, user.id());
    }

    /** Disables (no login; the caller ends the sessions) or enables an account. Judgments given stay. */
    public User setDisabled(String userId, boolean disabled) {
        require(userId);
        db.update("UPDATE platform_users SET disabled = ? WHERE id = ?", disabled, userId);
        return require(userId);
    }

    private String dummyHash() {
        String h = dummyHash;
        if (h == null) dummyHash = h = hasher.hash(SessionService.randomToken());
        return h;
    }

    public Optional<User> find(String id) {
        return db.tx(t -> load(t.connection(), id));
    }

    public Optional<User> findByUsername(String username) {
        return db.tx(t -> {
            Optional<String> id = Db.one(t.connection(), "SELECT id FROM platform_users WHERE username = ?", rs -> rs.getString(1), username);
            return id.isEmpty() ? Optional.<User>empty() : load(t.connection(), id.get());
        });
    }

    public User require(String id) {
        return find(id).orElseThrow(() -> PlatformError.notFound("user " + id));
    }

    public List<User> list() {
        return db.tx(t -> {
            List<User> users = new ArrayList<>();
            for (String id : Db.list(t.connection(), "SELECT id FROM platform_users ORDER BY username", rs -> rs.getString(1))) {
                load(t.connection(), id).ifPresent(users::add);
            }
            return users;
        });
    }

    public boolean anyAdmin() {
        return db.one("SELECT COUNT(*) FROM platform_users WHERE role = 'ADMIN'", rs -> rs.getLong(1)).orElse(0L) > 0;
    }

    public void setExpertise(String userId, Map<String, ExpertiseLevel> expertise) {
        User user = require(userId);
        db.tx(t -> {
            Db.update(t.connection(), "DELETE FROM platform_user_expertise WHERE user_id = ?", userId);
            writeExpertise(t.connection(), userId, expertise);
            t.annotators().save(new User(user.id(), user.username(), user.displayName(), user.role(), expertise, user.disabled()).asAnnotator());
            return null;
        });
    }

    private static void writeExpertise(Connection c, String userId, Map<String, ExpertiseLevel> levels) throws SQLException {
        for (var e : levels.entrySet()) {
            Db.update(c, "INSERT INTO platform_user_expertise (user_id, domain, level) VALUES (?,?,?)",
                    userId, e.getKey(), e.getValue().name());
        }
    }

    static Optional<User> load(Connection c, String id) throws SQLException {
        Map<String, ExpertiseLevel> levels = new HashMap<>();
        for (String[] r : Db.list(c, "SELECT domain, level FROM platform_user_expertise WHERE user_id = ?",
                rs -> new String[]{rs.getString(1), rs.getString(2)}, id)) {
            levels.put(r[0], ExpertiseLevel.valueOf(r[1]));
        }
        return Db.one(c, "SELECT id, username, display_name, role, disabled FROM platform_users WHERE id = ?",
                rs -> new User(rs.getString(1), rs.getString(2), rs.getString(3), UserRole.valueOf(rs.getString(4)), levels,
                        rs.getBoolean(5)), id);
    }
}
