package dev.deskbridge.host.admin;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One step in an outbound message's life.
 *
 * @param status a lower-case word: the provider's {@code queued}, {@code sent}, {@code delivered},
 *     {@code read}, {@code failed}, or the engine's own such as {@code held} (waiting for the
 *     customer after a re-engagement template) or {@code refused}
 * @param at when it happened
 * @param detail why, for failures and refusals (never a secret)
 */
public record StatusChange(String status, Instant at, Optional<String> detail) {
    public StatusChange {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(detail, "detail");
        if (status.isBlank()) {
            throw new IllegalArgumentException("status must not be blank");
        }
    }

    public static StatusChange of(String status, Instant at) {
        return new StatusChange(status, at, Optional.empty());
    }
}
