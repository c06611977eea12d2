package dev.deskbridge.host.logging;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * Bounds a log line that outsiders can repeat at will (a refused webhook, once per request): per key,
 * the first one is logged, then at most one line per interval, which tells how many were held back
 * since the line before. Keys must come from a bounded set (a configured source, a fixed reason),
 * never from request text, or the keys themselves would grow. Thread-safe.
 */
public final class LogThrottle {
    private final long everyNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Window> windows = new HashMap<>();

    /** A throttle on the JVM's monotonic clock. */
    public LogThrottle(Duration every) {
        this(every, System::nanoTime);
    }

    /** A throttle on {@code nanoTime} (monotonic nanoseconds; tests pass their own). */
    public LogThrottle(Duration every, LongSupplier nanoTime) {
        Objects.requireNonNull(every, "every");
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("the interval must be positive, got " + every);
        }
        this.everyNanos = every.toNanos();
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /**
     * Whether to log this occurrence of {@code key} now: empty when it is held back (counted for the
     * next line), otherwise how many were held back since the last line logged for this key.
     */
    public synchronized OptionalLong admit(String key) {
        Objects.requireNonNull(key, "key");
        long now = nanoTime.getAsLong();
        Window w = windows.get(key);
        if (w == null) {
            windows.put(key, new Window(now));
            return OptionalLong.of(0);
        }
        if (now - w.loggedAt >= everyNanos) {
            long held = w.held;
            w.loggedAt = now;
            w.held = 0;
            return OptionalLong.of(held);
        }
        w.held++;
        return OptionalLong.empty();
    }

    private static final class Window {
        long loggedAt;
        long held;

        Window(long loggedAt) {
            this.loggedAt = loggedAt;
        }
    }
}
