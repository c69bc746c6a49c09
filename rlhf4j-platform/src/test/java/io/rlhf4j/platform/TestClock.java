package io.rlhf4j.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock tests move by hand, so lease expiry is tested without sleeping. */
public final class TestClock extends Clock {
    private final AtomicLong millis = new AtomicLong(Instant.parse("2026-05-01T10:00:00Z").toEpochMilli());

    public void advance(Duration d) { millis.addAndGet(d.toMillis()); }

    @Override public ZoneId getZone() { return ZoneOffset.UTC; }

    @Override public Clock withZone(ZoneId zone) { return this; }

    @Override public Instant instant() { return Instant.ofEpochMilli(millis.get()); }

    @Override public long millis() { return millis.get(); }
}
