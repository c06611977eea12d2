package dev.deskbridge.host.channel.whatsapp;

import dev.deskbridge.connector.api.error.RetryableException;
import dev.deskbridge.connector.api.error.ThrottledException;
import dev.failsafe.RateLimiter;
import java.time.Duration;
import java.util.Objects;

/**
 * Spreads the sends of one phone number over time (Meta's throughput limit is per number), so a
 * burst waits for its turn instead of failing with 130429. A send that would wait longer than the
 * configured maximum is handed back as retryable, for the host's retry policy to place later.
 */
final class SendThrottle {
    private final RateLimiter<Object> limiter;
    private final int perSecond;
    private final Duration maxWait;

    SendThrottle(int perSecond, Duration maxWait) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("perSecond must be at least 1");
        }
        this.perSecond = perSecond;
        this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
        this.limiter = RateLimiter.smoothBuilder(perSecond, Duration.ofSeconds(1)).withMaxWaitTime(maxWait).build();
    }

    /**
     * Waits for this send's turn.
     *
     * @throws ThrottledException when the turn is further away than the maximum wait: nothing was
     *     sent and nothing is wrong with the send, so the refusal does not count against its attempts
     */
    void awaitTurn() {
        try {
            if (!limiter.tryAcquirePermit(maxWait)) {
                throw new ThrottledException("more sends are queued for this number than " + perSecond
                        + " messages/s can carry within " + maxWait.toMillis() + " ms; try again later",
                        Duration.ofSeconds(1), null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryableException("interrupted while waiting for a send slot", null, e);
        }
    }
}
