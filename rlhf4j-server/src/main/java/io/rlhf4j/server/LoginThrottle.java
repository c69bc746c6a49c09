package io.rlhf4j.server;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits failed logins per account and per client address within a sliding window, so passwords
 * cannot be guessed at the speed of the server. Past a limit every attempt for that account or from
 * that address is refused (429 with Retry-After) before the password is even checked, so a right
 * guess during the wait teaches nothing. A successful login clears its account's failures.
 *
 * <p>In memory: a restart forgets the counts (an attacker cannot restart the server), and one
 * server process sees all its logins.
 */
final class LoginThrottle {
    /** Failed logins one account may take per window: a person mistyping stays far below it. */
    static final int PER_ACCOUNT = 5;
    /** Failed logins one address may make per window, over all accounts (password spraying). */
    static final int PER_ADDRESS = 20;
    static final Duration WINDOW = Duration.ofMinutes(15);
    /** Keys kept before old ones are dropped, so random usernames cannot exhaust memory. */
    private static final int MAX_KEYS = 100_000;

    private final Clock clock;
    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Refuses with 429 when the account or the address has used up its failures; returns otherwise. */
    void check(String username, String address) {
        long wait = Math.max(waitMillis(accountKey(username), PER_ACCOUNT), waitMillis(addressKey(address), PER_ADDRESS));
        if (wait > 0) {
            long seconds = Math.max(1, (wait + 999) / 1000);
            throw new ApiError(429, "username", "too many failed logins for this account or from this address; try again in "
                    + seconds + " s").retryAfter(seconds);
        }
    }

    void failed(String username, String address) {
        if (failures.size() > MAX_KEYS) failures.clear();
        long now = clock.millis();
        for (String key : new String[]{accountKey(username), addressKey(address)}) {
            Deque<Long> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
            synchronized (times) {
                times.addLast(now);
                while (times.size() > PER_ADDRESS) times.removeFirst();
            }
        }
    }

    void succeeded(String username) {
        failures.remove(accountKey(username));
    }

    /** How long until the oldest failure that counts leaves the window; 0 when under the limit. */
    private long waitMillis(String key, int limit) {
        Deque<Long> times = failures.get(key);
        if (times == null) return 0;
        long now = clock.millis();
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst() <= now - WINDOW.toMillis()) times.removeFirst();
            if (times.size() < limit) return 0;
            long oldestCounted = times.stream().skip(times.size() - limit).findFirst().orElse(now);
            return oldestCounted + WINDOW.toMillis() - now;
        }
    }

    private static String accountKey(String username) {
        return "account:" + (username == null ? "" : username.toLowerCase(Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
