package dev.deskbridge.host.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The demo's business clock: it stands still until the script moves it, so a support day of
 * several simulated days plays in seconds and every window and price is reproducible. Thread-safe;
 * never moves backwards (the host's window rules assume time only goes forward).
 */
public final class SimulatedClock extends Clock {
    private volatile Instant now;

    public SimulatedClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    /** Moves the clock forward by {@code d}. */
    public synchronized Instant advance(Duration d) {
        Objects.requireNonNull(d, "d");
        if (d.isNegative()) {
            throw new IllegalArgumentException("the demo clock only moves forward, not by " + d);
        }
        now = now.plus(d);
        return now;
    }

    /** Moves the clock forward to {@code to}; a time in the past is refused. */
    public synchronized Instant advanceTo(Instant to) {
        Objects.requireNonNull(to, "to");
        if (to.isBefore(now)) {
            throw new IllegalArgumentException("the demo clock is at " + now + " and cannot go back to " + to);
        }
        now = to;
        return now;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        SimulatedClock source = this;
        // The same simulated time seen in another zone: it moves when this clock moves.
        return new Clock() {
            @Override
            public Instant instant() {
                return source.instant();
            }

            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return source.withZone(other);
            }
        };
    }

    @Override
    public String toString() {
        return "SimulatedClock[" + now + "]";
    }
}
