package io.rlhf4j.store;

/**
 * A database problem the caller cannot fix by changing its input: unreachable server, failed
 * migration, a SQL error. Unchecked so repository methods stay small; the message names the
 * operation that failed.
 */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
