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
 */
public record EngineConfig(int workers, int maxAttempts, Duration maxAge, Duration warnBefore) {
    public EngineConfig {
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(warnBefore, "warnBefore");
        if (workers < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("workers and maxAttempts must be at least 1");
        }
        if (maxAge.isNegative() || maxAge.isZero() || warnBefore.isNegative() || warnBefore.isZero()) {
            throw new IllegalArgumentException("maxAge and warnBefore must be positive");
        }
    }
}
