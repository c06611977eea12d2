package dev.deskbridge.host.admin;

import dev.deskbridge.connector.api.pricing.WindowPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which conversations to list.
 *
 * @param phase only conversations whose window is in this phase at {@code asOf}
 * @param closingWithin only conversations whose window is still open at {@code asOf} and closes
 *     no later than {@code asOf + closingWithin}
 * @param asOf the instant phases and countdowns are computed for (the host's clock, which the
 *     demo simulates)
 */
public record ConversationFilter(Optional<WindowPhase> phase, Optional<Duration> closingWithin, Instant asOf) {
    public ConversationFilter {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(closingWithin, "closingWithin");
        Objects.requireNonNull(asOf, "asOf");
        closingWithin.ifPresent(d -> {
            if (d.isNegative()) {
                throw new IllegalArgumentException("closingWithin must not be negative, got " + d);
            }
        });
    }

    /** Every conversation. */
    public static ConversationFilter all(Instant asOf) {
        return new ConversationFilter(Optional.empty(), Optional.empty(), asOf);
    }

    /** Whether a conversation, as computed for {@link #asOf()}, passes the filter. */
    public boolean matches(ConversationSummary c) {
        if (phase.isPresent() && c.phase() != phase.get()) {
            return false;
        }
        if (closingWithin.isPresent()) {
            Instant limit = asOf.plus(closingWithin.get());
            return c.windowClosesAt().map(at -> at.isAfter(asOf) && !at.isAfter(limit)).orElse(false);
        }
        return true;
    }
}
