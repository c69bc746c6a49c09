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
        PasswordHasher.checkLength(password);
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
            User user = new User(id, username, shown, role, levels);
            t.annotators().save(user.asAnnotator());
            return user;
        });
    }

    /** The account for these credentials, or empty; the same answer for unknown user and wrong password. */
    public Optional<User> authenticate(String username, String password) {
        if (username == null || username.length() > 64) return Optional.empty();
        Optional<String[]> row = db.one("SELECT id, password_hash FROM platform_users WHERE username = ?",
                rs -> new String[]{rs.getString(1), rs.getString(2)}, username);
        if (row.isEmpty() || !hasher.verify(password, row.get()[1])) return Optional.empty();
        return find(row.get()[0]);
    }

    public Optional<User> find(String id) {
        return db.tx(t -> load(t.connection(), id));
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
            t.annotators().save(new User(user.id(), user.username(), user.displayName(), user.role(), expertise).asAnnotator());
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
        return Db.one(c, "SELECT id, username, display_name, role FROM platform_users WHERE id = ?",
                rs -> new User(rs.getString(1), rs.getString(2), rs.getString(3), UserRole.valueOf(rs.getString(4)), levels), id);
    }
}
