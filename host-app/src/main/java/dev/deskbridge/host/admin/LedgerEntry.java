package dev.deskbridge.host.admin;

import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.PricingCategory;
import dev.deskbridge.connector.api.pricing.PricingType;
import java.time.Instant;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One row of the cost ledger: one message, what it was quoted and what it cost. Most rows are
 * outbound; a channel that bills received messages (Twilio's fee) adds inbound rows.
 *
 * @param id the ledger row's id
 * @param at when the message was sent
 * @param route the route that carried it, named {@code channel->crm} (see {@link #routeName})
 * @param conversation the conversation it belongs to
 * @param ticket the CRM ticket, when the conversation has one
 * @param direction outbound, or inbound for a channel's fee on a received message
 * @param market the rate-card market of the recipient, when priced by WhatsApp's rate card
 * @param category the pricing category, when priced by WhatsApp's rate card
 * @param type regular, or free because of a window, when priced by WhatsApp's rate card
 * @param billable whether the message is billed
 * @param quoted the price quoted before sending: Meta's fee (zero when not billable) plus the channel's fee
 * @param settled the final cost, present once {@code outcome} is not {@link LedgerOutcome#PENDING};
 *     zero for a failed message
 * @param metaFee Meta's part of {@link #cost()}
 * @param channelFee the channel provider's own fee (for example Twilio's), part of {@link #cost()}
 * @param outcome pending, delivered or failed
 * @param insideWindow whether this is a free-form message sent while a window was open (free, or
 *     from PMP-2026-10 billed at the service rate): with the window closed it would have needed a
 *     template first
 * @param priceOutsideWindow for a message sent inside a window: what the template that reopens a
 *     window would have cost at that moment; the "money saved"
 * @param link the click-to-chat link the conversation came from, named {@code name (source, CODE)}
 */
public record LedgerEntry(
        String id,
        Instant at,
        String route,
        ConversationId conversation,
        Optional<String> ticket,
        MessageDirection direction,
        Optional<String> market,
        Optional<PricingCategory> category,
        Optional<PricingType> type,
        boolean billable,
        Money quoted,
        Optional<Money> settled,
        Money metaFee,
        Money channelFee,
        LedgerOutcome outcome,
        boolean insideWindow,
        Optional<Money> priceOutsideWindow,
        Optional<String> link) {

    /** A row of a conversation that came from no link. */
    public LedgerEntry(String id, Instant at, String route, ConversationId conversation, Optional<String> ticket,
            MessageDirection direction, Optional<String> market, Optional<PricingCategory> category,
            Optional<PricingType> type, boolean billable, Money quoted, Optional<Money> settled, Money metaFee,
            Money channelFee, LedgerOutcome outcome, boolean insideWindow, Optional<Money> priceOutsideWindow) {
        this(id, at, route, conversation, ticket, direction, market, category, type, billable, quoted, settled, metaFee,
                channelFee, outcome, insideWindow, priceOutsideWindow, Optional.empty());
    }

    public LedgerEntry {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(quoted, "quoted");
        Objects.requireNonNull(settled, "settled");
        Objects.requireNonNull(metaFee, "metaFee");
        Objects.requireNonNull(channelFee, "channelFee");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(priceOutsideWindow, "priceOutsideWindow");
        Currency currency = quoted.currency();
        Stream.of(settled, Optional.of(metaFee), Optional.of(channelFee), priceOutsideWindow)
                .flatMap(Optional::stream)
                .filter(m -> !m.currency().equals(currency))
                .findFirst()
                .ifPresent(m -> {
                    throw new IllegalArgumentException("ledger row " + id + " mixes currencies: " + currency + " and "
                            + m.currency());
                });
        if (settled.isPresent() == (outcome == LedgerOutcome.PENDING)) {
            throw new IllegalArgumentException("ledger row " + id + ": settled is present exactly when not pending");
        }
        if (outcome == LedgerOutcome.FAILED && !settled.get().isZero()) {
            throw new IllegalArgumentException("ledger row " + id + ": a failed message costs nothing");
        }
        if (insideWindow != priceOutsideWindow.isPresent()) {
            throw new IllegalArgumentException(
                    "ledger row " + id + ": the price outside the window is given exactly for a message inside a window");
        }
        if (!metaFee.plus(channelFee).equals(settled.orElse(quoted))) {
            throw new IllegalArgumentException("ledger row " + id + ": meta fee + channel fee must equal its cost");
        }
    }

    /** A link's name in ledgers and reports: {@code Spring poster (poster, K7Q2M9)}. */
    public static String linkName(String name, String source, String code) {
        return name + " (" + source + ", " + code + ")";
    }

    /** The route name used in ledgers and reports. */
    public static String routeName(String channel, String crm) {
        return channel + "->" + crm;
    }

    /** The row's currency. */
    public Currency currency() {
        return quoted.currency();
    }

    /** What the message costs as far as known now: the settled cost, else the quote. */
    public Money cost() {
        return settled.orElse(quoted);
    }

    /**
     * What answering inside the window saved: for a delivered or pending message sent inside a window,
     * the price outside the window less what the message itself costs, never below zero (since
     * October 2026 a service reply is billed, in many markets at the template's own rate); zero
     * otherwise (a failed message would have cost nothing anyway).
     */
    public Money saved() {
        Money zero = Money.zero(currency());
        if (outcome == LedgerOutcome.FAILED || priceOutsideWindow.isEmpty()) {
            return zero;
        }
        Money spared = priceOutsideWindow.get().minus(cost());
        return spared.amount().signum() > 0 ? spared : zero;
    }
}
