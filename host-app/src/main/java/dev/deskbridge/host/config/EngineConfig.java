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
 */
public record EngineConfig(int workers, int maxAttempts, Duration maxAge, Duration warnBefore, Duration windowMargin) {
    /** The default {@code engine.window_margin}. */
    public static final Duration DEFAULT_WINDOW_MARGIN = Duration.ofSeconds(60);

    public EngineConfig {
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(warnBefore, "warnBefore");
        Objects.requireNonNull(windowMargin, "windowMargin");
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

    /** The section without {@code window_margin}: the default margin. */
    public EngineConfig(int workers, int maxAttempts, Duration maxAge, Duration warnBefore) {
        this(workers, maxAttempts, maxAge, warnBefore, DEFAULT_WINDOW_MARGIN);
    }
}
