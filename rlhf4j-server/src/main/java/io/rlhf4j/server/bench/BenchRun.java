package io.rlhf4j.server.bench;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
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
    /** Errors by what they were ("submit 409", "next IOException"), so a failed run says why. */
    final Map<String, Integer> errorKinds = new ConcurrentSkipListMap<>();
    final AtomicInteger duplicates = new AtomicInteger();
    final Queue<Ack> acknowledged = new ConcurrentLinkedQueue<>();
    final Latencies loginLatency = new Latencies();
    final Latencies nextLatency = new Latencies();
    final Latencies submitLatency = new Latencies();

    /** One acknowledgement (201, or 200 for a retry): who answered which prompt, and the judgment the server named. */
    record Ack(String annotator, String prompt, String judgmentId) {}

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

    void error(String kind) {
        errors.incrementAndGet();
        errorKinds.merge(kind, 1, Integer::sum);
    }

    Set<String> judgmentIds() {
        Set<String> ids = new HashSet<>();
        for (Ack a : acknowledged) ids.add(a.judgmentId());
        return ids;
    }

    /** (annotator, prompt) pairs acknowledged under more than one judgment: work the server lost and served again. */
    int acknowledgedTwice() {
        Map<List<String>, Set<String>> byTask = new HashMap<>();
        for (Ack a : acknowledged) byTask.computeIfAbsent(List.of(a.annotator(), a.prompt()), k -> new HashSet<>()).add(a.judgmentId());
        return (int) byTask.values().stream().filter(ids -> ids.size() > 1).count();
    }
}
