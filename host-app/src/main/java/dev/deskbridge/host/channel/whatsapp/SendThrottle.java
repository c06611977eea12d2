package dev.deskbridge.host.channel.whatsapp;

import dev.deskbridge.connector.api.error.ThrottledException;
import dev.failsafe.RateLimiter;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Spreads the sends of one phone number over time (Meta's throughput limit is per number), so a
 * burst waits for its turn instead of failing with 130429. A send that would wait longer than the
 * configured maximum is handed back as throttled, for the host's retry policy to place later
 * without counting it against the item's attempts (nothing was sent).
 *
 * <p>When Meta answers 130429 all the same (its limit for the number is lower than configured, or
 * another system sends from it too), the number's sends {@link #hold} for the wait Meta named, or a
 * second: the other workers would otherwise go on sending at the configured rate into the same limit.
 */
final class SendThrottle {
    /** The hold after a 130429 that names no wait. */
    static final Duration DEFAULT_HOLD = Duration.ofSeconds(1);

    private final RateLimiter<Object> limiter;
    private final int perSecond;
    private final Duration maxWait;
    private final LongSupplier nanoTime;
    private final Object lock = new Object();
    private long notBefore;

    SendThrottle(int perSecond, Duration maxWait) {
        this(perSecond, maxWait, System::nanoTime);
    }

    SendThrottle(int perSecond, Duration maxWait, LongSupplier nanoTime) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("perSecond must be at least 1");
        }
        this.perSecond = perSecond;
        this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.notBefore = nanoTime.getAsLong();
        this.limiter = RateLimiter.smoothBuilder(perSecond, Duration.ofSeconds(1)).withMaxWaitTime(maxWait).build();
    }

    /**
     * Waits for this send's turn.
     *
     * @throws ThrottledException when the turn is further away than the maximum wait
     */
    void awaitTurn() {
        try {
            long held = held();
            if (held > maxWait.toNanos()) {
                throw new ThrottledException("Meta asked this number to slow down (130429); its sends wait "
                        + Duration.ofNanos(held).toMillis() + " ms", Duration.ofNanos(held), null);
            }
            if (held > 0) {
                Thread.sleep(held / 1_000_000, (int) (held % 1_000_000));
            }
            if (!limiter.tryAcquirePermit(maxWait)) {
                throw new ThrottledException("more sends are queued for this number than " + perSecond
                        + " messages/s can carry within " + maxWait.toMillis() + " ms; try again later",
                        Duration.ofSeconds(1), null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ThrottledException("interrupted while waiting for a send slot", null, e);
        }
    }

    /** Holds every send of the number for {@code wait} from now (a later hold already set stays). */
    void hold(Duration wait) {
        synchronized (lock) {
            notBefore = Math.max(notBefore, nanoTime.getAsLong() + wait.toNanos());
        }
    }

    /** How long the number's sends are still held, in nanoseconds; zero or less when they are not. */
    private long held() {
        synchronized (lock) {
            return notBefore - nanoTime.getAsLong();
        }
    }
}
