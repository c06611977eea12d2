package dev.deskbridge.connector.api.pricing;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The window facts of one conversation. A value: the host's pricing rules compute new states
 * from old ones; plugins only read them.
 *
 * @param firstCustomerMessageAt the earliest customer message seen
 * @param serviceWindowEndsAt the customer service window's end: the latest customer message + 24 h
 * @param pendingEntryPointAt an entry point (referral message) awaiting the business's first reply
 * @param freeEntryPointFrom start of the free entry point window, when one was opened
 * @param freeEntryPointUntil end (exclusive) of the free entry point window, when one was opened
 */
public record WindowState(
        Optional<Instant> firstCustomerMessageAt,
        Optional<Instant> serviceWindowEndsAt,
        Optional<Instant> pendingEntryPointAt,
        Optional<Instant> freeEntryPointFrom,
        Optional<Instant> freeEntryPointUntil) {

    /** A conversation where nothing has happened yet. */
    public static final WindowState NONE =
            new WindowState(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public WindowState {
        Objects.requireNonNull(firstCustomerMessageAt, "firstCustomerMessageAt");
        Objects.requireNonNull(serviceWindowEndsAt, "serviceWindowEndsAt");
        Objects.requireNonNull(pendingEntryPointAt, "pendingEntryPointAt");
        Objects.requireNonNull(freeEntryPointFrom, "freeEntryPointFrom");
        Objects.requireNonNull(freeEntryPointUntil, "freeEntryPointUntil");
        if (freeEntryPointFrom.isPresent() != freeEntryPointUntil.isPresent()) {
            throw new IllegalArgumentException("free entry point window needs both ends");
        }
    }

    /** Whether the customer service window is open at {@code at} (half-open interval). */
    public boolean serviceWindowOpenAt(Instant at) {
        return firstCustomerMessageAt.map(first -> !first.isAfter(at)).orElse(false)
                && serviceWindowEndsAt.map(at::isBefore).orElse(false);
    }

    /** Whether a free entry point window is open at {@code at} (half-open interval). */
    public boolean freeEntryPointOpenAt(Instant at) {
        return freeEntryPointFrom.isPresent()
                && !freeEntryPointFrom.get().isAfter(at)
                && at.isBefore(freeEntryPointUntil.get());
    }
}
