package dev.deskbridge.host.engine;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: the n-th retry waits about {@code initial * 2^(n-1)}, capped at
 * {@code max}, spread by up to {@code jitter} either way so retries from many items do not march
 * in step; never sooner than the provider's Retry-After.
 *
 * <p>Retries are rows with a next-attempt time, not sleeping threads, so they survive restarts;
 * that is why the delay is computed here rather than by an in-process retry executor.
 */
public record Backoff(Duration initial, Duration max, double jitter) {
    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + " and " + max);
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1), got " + jitter);
        }
    }

    /** The default: 1 s doubling to 5 min, 20 % jitter. */
    public static Backoff standard() {
        return new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), 0.2);
    }

    /**
     * The wait before the next attempt.
     *
     * @param attempt the attempt that just failed, from 1
     */
    public Duration delay(int attempt, Optional<Duration> retryAfter, RandomGenerator random) {
        double base = base(attempt);
        double spread = jitter == 0 ? 0 : (random.nextDouble() * 2 - 1) * jitter * base;
        return atLeast(retryAfter, Duration.ofMillis(Math.max(1, Math.round(base + spread))));
    }

    /** The longest wait {@link #delay} can give after this attempt: its jitter at the most. */
    public Duration longestDelay(int attempt, Optional<Duration> retryAfter) {
        return atLeast(retryAfter, Duration.ofMillis(Math.max(1, (long) Math.ceil(base(attempt) * (1 + jitter)))));
    }

    private double base(int attempt) {
        int exponent = Math.max(0, Math.min(attempt - 1, 30));
        return Math.min((double) initial.toMillis() * Math.pow(2, exponent), max.toMillis());
    }

    private static Duration atLeast(Optional<Duration> retryAfter, Duration computed) {
        return retryAfter.filter(ra -> ra.compareTo(computed) > 0).orElse(computed);
    }
}
