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
 * @param limit at most this many, the open windows closing soonest first: a store with a million
 *     conversations still answers a page, never the whole table
 */
public record ConversationFilter(Optional<WindowPhase> phase, Optional<Duration> closingWithin, Instant asOf,
        int limit) {
    /** The page size when none is asked for. */
    public static final int DEFAULT_LIMIT = 200;
    /** The largest page. */
    public static final int MAX_LIMIT = 1000;
    /**
     * The longest {@code closingWithin}: more than any window is open (72 h from an ad), and small enough
     * that {@code asOf} plus it is an instant a database can hold.
     */
    public static final Duration MAX_CLOSING_WITHIN = Duration.ofDays(366);

    public ConversationFilter {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(closingWithin, "closingWithin");
        Objects.requireNonNull(asOf, "asOf");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", got " + limit);
        }
        closingWithin.ifPresent(d -> {
            if (d.isNegative()) {
                throw new IllegalArgumentException("closingWithin must not be negative, got " + d);
            }
            if (d.compareTo(MAX_CLOSING_WITHIN) > 0) {
                throw new IllegalArgumentException("closingWithin must be at most " + MAX_CLOSING_WITHIN.toDays()
                        + " days, got " + d);
            }
        });
    }

    /** Every conversation, a default page of them. */
    public static ConversationFilter all(Instant asOf) {
        return new ConversationFilter(Optional.empty(), Optional.empty(), asOf, DEFAULT_LIMIT);
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
