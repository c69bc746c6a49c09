package io.rlhf4j.server;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import io.rlhf4j.platform.PasswordHasher;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Argon2id password hashing (OWASP's first choice) via password4j. Parameters are pinned here rather
 * than read from a psw4j.properties file, so a missing file can never silently weaken them; each
 * stored hash carries its own parameters, so verification keeps working if they are raised later.
 */
public final class Argon2Hasher implements PasswordHasher {
    /** 19 MiB, 2 passes, 1 lane: OWASP's minimum recommended Argon2id configuration. */
    private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID);
    /**
     * Each hash needs 19 MiB and a core for tens of milliseconds: a burst of 200 logins running at once
     * would need ~4 GB. Hashing waits its turn instead, one per core, so a login storm queues, not crashes.
     */
    private static final Semaphore SLOTS = new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()), true);

    @Override
    public String hash(String password) {
        PasswordHasher.checkLength(password);
        return limited(() -> Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult());
    }

    @Override
    public boolean verify(String password, String storedHash) {
        if (password == null || password.length() > MAX_LENGTH || storedHash == null || !storedHash.startsWith("$argon2id$")) {
            return false;
        }
        return limited(() -> Password.check(password, storedHash).with(Argon2Function.getInstanceFromHash(storedHash)));
    }

    private static <T> T limited(Supplier<T> work) {
        SLOTS.acquireUninterruptibly();
        try {
            return work.get();
        } finally {
            SLOTS.release();
        }
    }
}
