package io.rlhf4j.server.bench;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** The shared state of one benchmark run: its bounds, counters and what the server acknowledged. */
final class BenchRun {
    final String baseUrl;
    final String projectId;
    final String password;
    final int maxRequests;
    final long deadlineNanos;
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger errors = new AtomicInteger();
    final AtomicInteger duplicates = new AtomicInteger();
    final Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
    final Latencies loginLatency = new Latencies();
    final Latencies nextLatency = new Latencies();
    final Latencies submitLatency = new Latencies();

    BenchRun(String baseUrl, String projectId, String password, int maxRequests, long maxSeconds) {
        this.baseUrl = baseUrl;
        this.projectId = projectId;
        this.password = password;
        this.maxRequests = maxRequests;
        this.deadlineNanos = System.nanoTime() + maxSeconds * 1_000_000_000L;
    }

    boolean pastDeadline() {
        return System.nanoTime() > deadlineNanos;
    }

    boolean outOfBudget() {
        return pastDeadline() || requests.get() >= maxRequests;
    }
}
