package io.rlhf4j.server.bench;

import java.util.Arrays;

/** Request latencies of one kind, recorded from many threads; percentiles by sorting at the end. */
final class Latencies {
    private long[] nanos = new long[1024];
    private int count;

    synchronized void record(long elapsedNanos) {
        if (count == nanos.length) nanos = Arrays.copyOf(nanos, count * 2);
        nanos[count++] = elapsedNanos;
    }

    synchronized int count() {
        return count;
    }

    /** The q-quantile in milliseconds (nearest rank); 0 when nothing was recorded. */
    synchronized double percentileMs(double q) {
        if (count == 0) return 0;
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * count) - 1;
        return sorted[Math.max(0, Math.min(count - 1, rank))] / 1e6;
    }
}
