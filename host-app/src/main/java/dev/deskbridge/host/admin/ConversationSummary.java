package dev.deskbridge.host.admin;

import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.model.TicketRef;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.WindowPhase;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * One conversation as an operator sees it.
 *
 * @param id DeskBridge's id of the conversation
 * @param channel the configured channel instance id ({@code wa-main})
 * @param crm the configured CRM instance id it is routed to ({@code zendesk-main})
 * @param customer the customer's number; the admin API shows it masked (see {@link PhoneMask})
 * @param ticket the CRM ticket carrying it, once created
 * @param windowClosesAt when free-form replies stop being allowed, when a service window was ever opened
 * @param phase the window's phase at the instant the summary was computed for
 * @param costSoFar settled cost, or the quote where not settled yet, of every message so far
 * @param lastMessageAt the latest message in either direction
 */
public record ConversationSummary(
        ConversationId id,
        String channel,
        String crm,
        PhoneNumber customer,
        Optional<TicketRef> ticket,
        Optional<Instant> windowClosesAt,
        WindowPhase phase,
        Money costSoFar,
        Optional<Instant> lastMessageAt) {

    /** Open windows closing soonest first; then closed ones, the most recently closed first. */
    public static final Comparator<ConversationSummary> CLOSING_SOONEST = Comparator
            .comparing((ConversationSummary c) -> c.phase() == WindowPhase.CLOSED)
            .thenComparing(c -> c.phase() == WindowPhase.CLOSED ? Instant.EPOCH : c.windowClosesAt().orElseThrow())
            .thenComparing(c -> c.windowClosesAt().orElse(Instant.MIN), Comparator.reverseOrder())
            .thenComparing(c -> c.id().value());

    public ConversationSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(crm, "crm");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(windowClosesAt, "windowClosesAt");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(costSoFar, "costSoFar");
        Objects.requireNonNull(lastMessageAt, "lastMessageAt");
        if (phase != WindowPhase.CLOSED && windowClosesAt.isEmpty()) {
            throw new IllegalArgumentException("an open window needs its closing instant");
        }
    }
}
