package io.rlhf4j.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Simulated time: starts at a fixed instant and moves only when the panel says work took time, so
 * runs are reproducible and a day of annotation takes milliseconds. Single-threaded by design.
 */
public final class SimClock extends Clock {
    private long millis;

    public SimClock(Instant start) {
        this.millis = start.toEpochMilli();
    }

    public void advance(Duration d) {
        if (d.isNegative()) throw new IllegalArgumentException("time does not run backwards: " + d);
        millis += d.toMillis();
    }

    @Override public ZoneId getZone() { return ZoneOffset.UTC; }

    @Override public Clock withZone(ZoneId zone) { return this; }

    @Override public Instant instant() { return Instant.ofEpochMilli(millis); }

    @Override public long millis() { return millis; }
}
