package io.rlhf4j.server;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import io.rlhf4j.store.platform.PasswordHasher;

/**
 * Argon2id password hashing (OWASP's first choice) via password4j. Parameters are pinned here rather
 * than read from a psw4j.properties file, so a missing file can never silently weaken them; each
 * stored hash carries its own parameters, so verification keeps working if they are raised later.
 */
public final class Argon2Hasher implements PasswordHasher {
    /** 19 MiB, 2 passes, 1 lane: OWASP's minimum recommended Argon2id configuration. */
    private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID);

    @Override
    public String hash(String password) {
        PasswordHasher.checkLength(password);
        return Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult();
    }

    @Override
    public boolean verify(String password, String storedHash) {
        if (password == null || password.length() > MAX_LENGTH || storedHash == null || !storedHash.startsWith("$argon2id$")) {
            return false;
        }
        return Password.check(password, storedHash).with(Argon2Function.getInstanceFromHash(storedHash));
    }
}
