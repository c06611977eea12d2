package dev.deskbridge.host.engine;

import dev.deskbridge.connector.api.error.PermanentException;
import dev.deskbridge.connector.api.error.RetryAfter;
import dev.deskbridge.connector.api.error.RetryableException;
import dev.deskbridge.connector.api.error.ThrottledException;
import dev.deskbridge.connector.api.error.WebhookRejectedException;
import dev.deskbridge.host.pricing.PricingException;
import dev.deskbridge.host.store.QueueItem;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The host's error policy: connectors only classify failures; this decides. Retryable failures
 * (and unexpected ones, such as a database hiccup) are tried again later with backoff, no sooner
 * than a Retry-After; permanent ones, and items out of attempts or too old, become dead letters. A
 * provider's throttling ({@link ThrottledException}) is not counted against the attempts.
 */
public final class ErrorPolicy {

    /** What to do with a failed item. */
    public sealed interface Decision {
        /** Try again at {@code at}. */
        record Retry(Instant at, String error) implements Decision {}

        /** Give up, with the reason kept in the dead letter. */
        record DeadLetter(String reason) implements Decision {}
    }

    private final int maxAttempts;
    private final Duration maxAge;
    private final Backoff backoff;
    private final RandomGenerator random;

    public ErrorPolicy(int maxAttempts, Duration maxAge, Backoff backoff, RandomGenerator random) {
        this.maxAttempts = maxAttempts;
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.random = Objects.requireNonNull(random, "random");
    }

    public Decision decide(QueueItem item, Throwable failure, Instant now) {
        String error = describe(failure);
        if (!isRetryable(failure)) {
            return new Decision.DeadLetter("permanent failure: " + error);
        }
        // A provider's rate limit says nothing about the item: it waits its turn, bounded by its age only.
        if (item.attempts() >= maxAttempts && !(failure instanceof ThrottledException)) {
            return new Decision.DeadLetter("gave up after " + item.attempts() + " attempts: " + error);
        }
        Duration delay = backoff.delay(item.attempts(), retryAfter(failure), random);
        Instant next = now.plus(delay);
        if (next.isAfter(item.createdAt().plus(maxAge))) {
            return new Decision.DeadLetter("gave up after " + Duration.between(item.createdAt(), now).toSeconds()
                    + " s (max age " + maxAge + "): " + error);
        }
        return new Decision.Retry(next, error);
    }

    /**
     * Whether the item may become a dead letter if this attempt fails with {@code failure}: the failure
     * is permanent, the item is out of attempts (a throttled one too), or its next attempt could come
     * later than {@code patience} after it was stored, or past its max age, at the longest wait the
     * backoff's jitter or the failure's Retry-After can make. It says yes whenever {@link #decide} could
     * give up, so a handler that can do without what failed (a customer's file) does so in time rather
     * than lose the whole item.
     */
    public boolean mayGiveUp(QueueItem item, Throwable failure, Instant now, Duration patience) {
        if (!isRetryable(failure) || item.attempts() >= maxAttempts) {
            return true;
        }
        Instant next = now.plus(backoff.longestDelay(item.attempts(), retryAfter(failure)));
        Duration bound = patience.compareTo(maxAge) < 0 ? patience : maxAge;
        return next.isAfter(item.createdAt().plus(bound));
    }

    static boolean isRetryable(Throwable failure) {
        if (failure instanceof RetryableException) {
            return true;
        }
        return !(failure instanceof PermanentException || failure instanceof WebhookRejectedException
                || failure instanceof PricingException || failure instanceof IllegalArgumentException
                || failure instanceof UnsupportedOperationException || failure instanceof NullPointerException);
    }

    /**
     * The failure's hint, at most {@link RetryAfter#CEILING}: a plugin passes on what a provider's header
     * said, and a wait past what an Instant holds would fail the decision itself.
     */
    private static Optional<Duration> retryAfter(Throwable failure) {
        return (failure instanceof RetryableException r ? r.retryAfter() : Optional.<Duration>empty())
                .filter(d -> !d.isNegative())
                .map(d -> d.compareTo(RetryAfter.CEILING) > 0 ? RetryAfter.CEILING : d);
    }

    /** The failure's class and message, for the item's last error and the dead letter. */
    static String describe(Throwable failure) {
        String kind = failure.getClass().getSimpleName();
        if (failure instanceof PricingException p) {
            kind = kind + " " + p.code();
        } else if (failure instanceof PermanentException p && p.code().isPresent()) {
            kind = kind + " " + p.code().get();
        }
        return kind + ": " + failure.getMessage();
    }
}
