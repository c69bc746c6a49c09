package io.rlhf4j.platform;

/**
 * Turns passwords into stored hashes and checks them. The server supplies the Argon2id
 * implementation; keeping the interface here means the store module needs no crypto library.
 */
public interface PasswordHasher {
    int MIN_LENGTH = 8;
    int MAX_LENGTH = 200;

    String hash(String password);

    boolean verify(String password, String storedHash);

    /** The length rule every implementation enforces before hashing. */
    static void checkLength(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw PlatformError.invalid("password", "must be at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            throw PlatformError.invalid("password", "must be at most " + MAX_LENGTH + " characters");
        }
    }
}
