package dev.deskbridge.host.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code engine:} section.
 *
 * @param workers threads delivering messages
 * @param maxAttempts attempts of a failing delivery before it becomes a dead letter
 * @param maxAge age after which an undelivered message becomes a dead letter
 * @param warnBefore how long before a window closes agents are warned
 * @param windowMargin a free-form message is sent only if the window is still open this long after
 *     the send starts; otherwise the route's policy decides, as for a reply outside the window
 * @param keepHandled how long a handled webhook or send stays in the queue tables before it is deleted
 */
public record EngineConfig(int workers, int maxAttempts, Duration maxAge, Duration warnBefore, Duration windowMargin,
        Duration keepHandled) {
    /** The default {@code engine.window_margin}. */
    public static final Duration DEFAULT_WINDOW_MARGIN = Duration.ofSeconds(60);
    /** The default {@code engine.keep_handled}. */
    public static final Duration DEFAULT_KEEP_HANDLED = Duration.ofDays(30);
    /**
     * The shortest {@code engine.keep_handled}: Meta redelivers an unacknowledged webhook for up to 7 days,
     * and a redelivered webhook is recognised by the item kept for it.
     */
    public static final Duration MIN_KEEP_HANDLED = Duration.ofDays(7);

    public EngineConfig {
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(warnBefore, "warnBefore");
        Objects.requireNonNull(windowMargin, "windowMargin");
        Objects.requireNonNull(keepHandled, "keepHandled");
        if (keepHandled.compareTo(MIN_KEEP_HANDLED) < 0) {
            throw new IllegalArgumentException("keepHandled must be at least " + MIN_KEEP_HANDLED.toDays() + " days");
        }
        if (windowMargin.isNegative()) {
            throw new IllegalArgumentException("windowMargin must not be negative");
        }
        if (workers < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("workers and maxAttempts must be at least 1");
        }
        if (maxAge.isNegative() || maxAge.isZero() || warnBefore.isNegative() || warnBefore.isZero()) {
            throw new IllegalArgumentException("maxAge and warnBefore must be positive");
        }
    }

    /** The section without {@code window_margin} and {@code keep_handled}: their defaults. */
    public EngineConfig(int workers, int maxAttempts, Duration maxAge, Duration warnBefore) {
        this(workers, maxAttempts, maxAge, warnBefore, DEFAULT_WINDOW_MARGIN, DEFAULT_KEEP_HANDLED);
    }
}
