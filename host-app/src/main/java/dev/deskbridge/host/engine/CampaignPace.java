package dev.deskbridge.host.engine;

import dev.deskbridge.host.store.Jdbc;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a campaign's next send may be queued: evenly spaced at the current rate, which the outbox's
 * backlog holds back and the provider's throttling lowers. While the campaign's sends wait in the
 * outbox beyond two seconds' worth, no more are queued; when the provider throttles (Meta's 130429
 * and 131056 come back as retries in the outbox), the rate is halved, and it climbs back by a tenth
 * every two quiet seconds.
 */
final class CampaignPace {
    private static final Logger LOG = LoggerFactory.getLogger(CampaignPace.class);
    private static final long CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final long RECOVER_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long HALVE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How far behind its schedule the pace may fall and still catch up. */
    private static final long CATCH_UP_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final EngineContext ctx;
    private final BooleanSupplier stopped;
    private final int configured;
    private double rate;
    private long next = System.nanoTime();
    private long lastCheck;
    private long lastThrottle = System.nanoTime();
    private long retries = -1;
    private long backlog;

    /** The pace of {@code configured} messages per second; it waits no more once {@code stopped}. */
    CampaignPace(EngineContext ctx, int configured, BooleanSupplier stopped) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.stopped = Objects.requireNonNull(stopped, "stopped");
        this.configured = configured;
        this.rate = configured;
    }

    /**
     * Waits for the next send's turn, keeping the campaign's lease meanwhile.
     *
     * @param keepLease renews the lease when due; false when this host no longer holds it
     * @return false when the sending here is to end: stopped, or the lease lost
     */
    boolean awaitTurn(BooleanSupplier keepLease) {
        if (stopped.getAsBoolean() || !keepLease.getAsBoolean()) {
            return false;
        }
        long checkAt = System.nanoTime();
        if (checkAt - lastCheck > CHECK_NANOS) {
            check(checkAt);
        }
        // The outbox two seconds behind: it cannot carry the pace, so none is queued meanwhile and
        // the schedule starts again from now (no burst into a backlog).
        while (backlog > Math.max(2L * configured, 10)) {
            if (stopped.getAsBoolean() || !keepLease.getAsBoolean()) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            backlog = backlog();
            next = System.nanoTime();
        }
        // Each send is due at its place in the schedule, not a sleep after the last one: a slow
        // transaction or a late wake-up is made up by the next sends, up to a second's worth.
        long now = System.nanoTime();
        long wait = next - now;
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        } else if (wait < -CATCH_UP_NANOS) {
            next = now - CATCH_UP_NANOS;
        }
        next += (long) (TimeUnit.SECONDS.toNanos(1) / rate);
        return !stopped.getAsBoolean();
    }

    private void check(long now) {
        lastCheck = now;
        // Sends waiting for a retry: the provider refused an attempt (claimed items carry no error
        // until one does; one whose answer was lost keeps its send start and is no sign of throttling).
        long seen = ctx.db().inTransaction(c -> Jdbc.count(c, "SELECT COUNT(*) FROM outbox WHERE status = 'PENDING' "
                + "AND source_id = ? AND last_error IS NOT NULL AND send_started_at IS NULL", CampaignRunner.SOURCE));
        // Halved at most once a second: the retries of one throttled burst show up over several checks.
        if (retries >= 0 && seen > retries && now - lastThrottle > HALVE_NANOS) {
            rate = Math.max(1, rate / 2);
            lastThrottle = now;
            LOG.info("campaign sends are being retried (the provider throttles): slowing down to {} messages/s",
                    Math.round(rate));
        } else if (rate < configured && now - lastThrottle > RECOVER_NANOS) {
            rate = Math.min(configured, rate * 1.1 + 1);
            lastThrottle = now;
        }
        retries = seen;
        backlog = backlog();
    }

    private long backlog() {
        return ctx.db().inTransaction(c -> Jdbc.count(c, "SELECT COUNT(*) FROM outbox WHERE status = 'PENDING' "
                + "AND source_id = ?", CampaignRunner.SOURCE));
    }
}
