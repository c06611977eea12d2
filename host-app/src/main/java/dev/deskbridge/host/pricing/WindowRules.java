package dev.deskbridge.host.pricing;

import dev.deskbridge.connector.api.pricing.ConversationStatus;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.OutboundKind;
import dev.deskbridge.connector.api.pricing.WindowPhase;
import dev.deskbridge.connector.api.pricing.WindowState;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The window rules of RULES.md as pure functions of a {@link WindowState} and instants: no clock,
 * no state, so the same events always give the same windows, in whatever order they arrive.
 */
public final class WindowRules {

    /** How long a customer message keeps the customer service window open. */
    public static final Duration SERVICE_WINDOW = Duration.ofHours(24);
    /** How long after an entry point the business's first reply may open a free entry point window. */
    public static final Duration ENTRY_POINT_REPLY = Duration.ofHours(24);
    /** How long a free entry point window stays open. */
    public static final Duration FREE_ENTRY_POINT_WINDOW = Duration.ofHours(72);

    private WindowRules() {}

    /**
     * The window after a customer message sent at {@code sentAt}. The service window's end is the
     * maximum over all customer messages, so a late-arriving older message never shortens it. A
     * referral is an entry point, unless a free entry point window is already open at its instant.
     */
    public static WindowState onCustomerMessage(WindowState current, Instant sentAt, boolean referral) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(sentAt, "sentAt");
        Instant first = min(current.firstCustomerMessageAt(), sentAt);
        Instant end = max(current.serviceWindowEndsAt(), sentAt.plus(SERVICE_WINDOW));
        Optional<Instant> pending = current.pendingEntryPointAt();
        if (referral && !current.freeEntryPointOpenAt(sentAt)) {
            // The latest entry point counts: the business's first reply after it is also after any older one.
            pending = Optional.of(max(pending, sentAt));
        }
        return new WindowState(Optional.of(first), Optional.of(end), pending, current.freeEntryPointFrom(),
                current.freeEntryPointUntil());
    }

    /**
     * The window after an allowed business message was sent at {@code sentAt}. The first business
     * message after a pending entry point opens a free entry point window {@code [sentAt, sentAt+72h)}
     * when it is sent before the entry point + 24 h; a later first reply opens nothing. A message
     * sent before the entry point's instant (a late-arriving event) leaves it pending.
     */
    public static WindowState onBusinessMessage(WindowState current, Instant sentAt) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(sentAt, "sentAt");
        Optional<Instant> pending = current.pendingEntryPointAt();
        if (pending.isEmpty() || sentAt.isBefore(pending.get())) {
            return current;
        }
        boolean inTime = sentAt.isBefore(pending.get().plus(ENTRY_POINT_REPLY));
        if (inTime && !current.freeEntryPointOpenAt(sentAt)) {
            return new WindowState(current.firstCustomerMessageAt(), current.serviceWindowEndsAt(), Optional.empty(),
                    Optional.of(sentAt), Optional.of(sentAt.plus(FREE_ENTRY_POINT_WINDOW)));
        }
        return new WindowState(current.firstCustomerMessageAt(), current.serviceWindowEndsAt(), Optional.empty(),
                current.freeEntryPointFrom(), current.freeEntryPointUntil());
    }

    /** Whether a message of that kind may be sent at {@code at}: free-form needs the service window. */
    public static boolean maySend(WindowState window, OutboundKind kind, Instant at) {
        return kind == OutboundKind.TEMPLATE || window.serviceWindowOpenAt(at);
    }

    /**
     * The window that decides the price of a business message sent at {@code at}, counting the free
     * entry point window this very message would open.
     */
    public static OpenWindow decidingWindow(WindowState window, Instant at) {
        if (onBusinessMessage(window, at).freeEntryPointOpenAt(at)) {
            return OpenWindow.FREE_ENTRY_POINT;
        }
        return window.serviceWindowOpenAt(at) ? OpenWindow.CUSTOMER_SERVICE : OpenWindow.NONE;
    }

    /**
     * How a CRM should label the conversation at {@code asOf}: {@code OPEN}, {@code CLOSING} when the
     * service window ends within {@code closingLead}, or {@code CLOSED}.
     *
     * @param costSoFar the conversation's spend, carried through for display
     */
    public static ConversationStatus status(WindowState window, Instant asOf, Duration closingLead, Money costSoFar) {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(closingLead, "closingLead");
        if (closingLead.isNegative()) {
            throw new IllegalArgumentException("closing lead time must not be negative: " + closingLead);
        }
        if (!window.serviceWindowOpenAt(asOf)) {
            return new ConversationStatus(window, WindowPhase.CLOSED, Optional.empty(), costSoFar, asOf);
        }
        Instant closesAt = window.serviceWindowEndsAt().orElseThrow();
        WindowPhase phase = asOf.plus(closingLead).isBefore(closesAt) ? WindowPhase.OPEN : WindowPhase.CLOSING;
        return new ConversationStatus(window, phase, Optional.of(closesAt), costSoFar, asOf);
    }

    private static Instant min(Optional<Instant> a, Instant b) {
        return a.isPresent() && a.get().isBefore(b) ? a.get() : b;
    }

    private static Instant max(Optional<Instant> a, Instant b) {
        return a.isPresent() && a.get().isAfter(b) ? a.get() : b;
    }
}
