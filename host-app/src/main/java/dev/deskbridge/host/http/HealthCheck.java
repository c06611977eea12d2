package dev.deskbridge.host.http;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Readiness: every named check (database reachable, plugins loaded) must pass.
 *
 * <p>{@code /health} answers anyone, and the database's check takes a pooled connection: the results are
 * kept for {@link #MAX_AGE}, and while one caller runs the checks again the others get the last results,
 * so a flood of health requests runs the checks at most about once a {@code MAX_AGE} and never
 * competes with the webhooks for the pool's connections.
 */
public final class HealthCheck {
    /** How long results answer for the checks. */
    static final Duration MAX_AGE = Duration.ofSeconds(1);

    /** Results and when (monotonic nanos) they were taken. */
    private record Snapshot(Map<String, Boolean> results, long takenAt) {}

    private final Map<String, BooleanSupplier> checks = new LinkedHashMap<>();
    private final LongSupplier nanoTime;
    private final ReentrantLock running = new ReentrantLock();
    private volatile Snapshot last;

    public HealthCheck() {
        this(System::nanoTime);
    }

    HealthCheck(LongSupplier nanoTime) {
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    public HealthCheck add(String name, BooleanSupplier check) {
        checks.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(check, "check"));
        last = null;
        return this;
    }

    /** Each check's result, in the order added; a check that throws counts as failed. */
    public Map<String, Boolean> run() {
        Snapshot known = last;
        if (known != null && fresh(known)) {
            return known.results();
        }
        if (known != null && !running.tryLock()) {
            return known.results(); // another caller is running the checks now
        }
        if (known == null) {
            running.lock();
        }
        try {
            Snapshot now = last;
            if (now != null && fresh(now)) {
                return now.results();
            }
            Snapshot taken = new Snapshot(check(), nanoTime.getAsLong());
            last = taken;
            return taken.results();
        } finally {
            running.unlock();
        }
    }

    private boolean fresh(Snapshot s) {
        return nanoTime.getAsLong() - s.takenAt() < MAX_AGE.toNanos();
    }

    private Map<String, Boolean> check() {
        Map<String, Boolean> results = new LinkedHashMap<>();
        checks.forEach((name, check) -> {
            boolean ok;
            try {
                ok = check.getAsBoolean();
            } catch (RuntimeException e) {
                ok = false;
            }
            results.put(name, ok);
        });
        return Collections.unmodifiableMap(results);
    }
}
