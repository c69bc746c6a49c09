package io.rlhf4j.server.bench;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** The shared state of one benchmark run: its bounds, counters and what the server acknowledged. */
final class BenchRun {
    final String baseUrl;
    final String projectId;
    final String password;
    final int maxRequests;
    private volatile long deadlineNanos;
    private final long maxSeconds;
    /** Counted down by each annotator once its login settled; the timed phase starts when all have. */
    final CountDownLatch loggedIn;
    final CountDownLatch start = new CountDownLatch(1);
    final AtomicInteger loginFailures = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger errors = new AtomicInteger();
    final AtomicInteger duplicates = new AtomicInteger();
    final Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
    final Latencies loginLatency = new Latencies();
    final Latencies nextLatency = new Latencies();
    final Latencies submitLatency = new Latencies();

    BenchRun(String baseUrl, String projectId, String password, int maxRequests, long maxSeconds, int annotators) {
        this.baseUrl = baseUrl;
        this.projectId = projectId;
        this.password = password;
        this.maxRequests = maxRequests;
        this.maxSeconds = maxSeconds;
        this.loggedIn = new CountDownLatch(annotators);
        // Logins get the same budget again before the timed phase; startTimedPhase resets the clock.
        this.deadlineNanos = System.nanoTime() + maxSeconds * 1_000_000_000L;
    }

    /** Releases the annotators into the timed fetch/submit phase, which has the full time budget. */
    void startTimedPhase() {
        deadlineNanos = System.nanoTime() + maxSeconds * 1_000_000_000L;
        start.countDown();
    }

    boolean pastDeadline() {
        return System.nanoTime() > deadlineNanos;
    }

    boolean outOfBudget() {
        return pastDeadline() || requests.get() >= maxRequests;
    }
}
