package dev.deskbridge.host.engine;

import dev.deskbridge.host.config.RouteConfig;
import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.Quote;
import dev.deskbridge.connector.api.pricing.WindowState;
import dev.deskbridge.host.config.ReengageTemplate;
import dev.deskbridge.host.costs.ConnectionUsage;
import dev.deskbridge.host.costs.LedgerQueries;
import dev.deskbridge.host.costs.RouteBudget;
import dev.deskbridge.host.pricing.PricingException;
import dev.deskbridge.host.pricing.QuoteRequest;
import dev.deskbridge.host.store.Conversation;
import dev.deskbridge.host.store.NewLedgerEntry;
import dev.deskbridge.host.store.NewQueueItem;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Quotes, budget checks and queues outbound messages: outbox item, message row and ledger quote together. */
final class Outbound {
    private static final Logger LOG = LoggerFactory.getLogger(Outbound.class);

    private Outbound() {}

    /** What the rules say sending {@code message} to the conversation at {@code at} may do and cost. */
    static Quote quote(Connection c, EngineContext ctx, Conversation conversation, OutboundMessage message,
            Instant at) {
        return quote(c, ctx, conversation, conversation.window(), message, at);
    }

    /** As {@link #quote(Connection, EngineContext, Conversation, OutboundMessage, Instant)}, in another window. */
    private static Quote quote(Connection c, EngineContext ctx, Conversation conversation, WindowState window,
            OutboundMessage message, Instant at) {
        Optional<dev.deskbridge.connector.api.pricing.TemplateCategory> category =
                message instanceof OutboundMessage.Template t ? Optional.of(t.category()) : Optional.empty();
        return ctx.pricing().quote(new QuoteRequest(window, message.kind(), category, at,
                conversation.business(), conversation.customer(), new ConnectionUsage(c)));
    }

    /**
     * The quote of an answer DeskBridge sends of its own accord while it takes a customer's message
     * (an automatic answer, an opt-out's confirmation); empty, and logged, when the rules cannot price
     * it ({@code no_rate}): that answer is left out, and the customer's message still reaches the ticket.
     *
     * @param what the answer, for the log line: {@code automatic away answer}
     */
    static Optional<Quote> quoteIfPriced(Connection c, EngineContext ctx, Conversation conversation,
            OutboundMessage message, Instant at, String what) {
        try {
            return Optional.of(quote(c, ctx, conversation, message, at));
        } catch (PricingException e) {
            LOG.warn("{} in conversation {} not sent: the pricing rules cannot price it [{}]: {}", what,
                    conversation.id(), e.code(), e.getMessage());
            return Optional.empty();
        }
    }

    /** The channel provider's own fee per message, in the quote's currency (zero when it has none). */
    static Money channelFee(EngineContext ctx, Conversation conversation, Quote quote) {
        return ctx.sessions().channel(conversation.channelId()).channelFeePerMessage()
                .orElse(Money.zero(quote.price().currency()));
    }

    /**
     * Whether {@code count} messages at this quote fit the route's monthly budget.
     *
     * @return empty when they fit, else the sentence telling agents why not
     */
    static Optional<String> overBudget(Connection c, RouteConfig route, Quote quote, Money channelFee, int count,
            Instant at) throws SQLException {
        if (route.monthlyBudget().isEmpty()) {
            return Optional.empty();
        }
        Money each = quote.price().plus(channelFee);
        Money budget = route.monthlyBudget().get();
        return RouteBudget.over(budget, spent(c, route, budget, each, at), each, count);
    }

    /**
     * Whether the re-engagement template and the reply held for the customer's answer fit the route's
     * budget together: the template is paid for that reply, so one whose reply the budget could not
     * then release would be paid for nothing. The held messages are priced as at their release
     * (free-form, in the window the customer's answer opens) and taken whole, as the release takes them.
     *
     * @return empty when they fit, else the sentence telling agents why not
     */
    static Optional<String> overBudgetWithHeld(Connection c, EngineContext ctx, RouteConfig route,
            Conversation conversation, Quote template, Money templateFee, List<OutboundMessage> held, Instant now)
            throws SQLException {
        if (route.monthlyBudget().isEmpty() || held.isEmpty()) {
            return overBudget(c, route, template, templateFee, 1, now);
        }
        Optional<Quote> release;
        try {
            release = Optional.of(quote(c, ctx, conversation, ctx.pricing().onCustomerMessage(conversation.window(), now,
                    false), held.get(0), now)).filter(Quote::allowed);
        } catch (PricingException e) {
            // The release tells agents of a reply it cannot price; the template is still worth its own check.
            LOG.warn("reply held in conversation {} cannot be priced for the budget [{}]: {}", conversation.id(),
                    e.code(), e.getMessage());
            release = Optional.empty();
        }
        if (release.isEmpty()) {
            return overBudget(c, route, template, templateFee, 1, now);
        }
        Money each = release.get().price().plus(channelFee(ctx, conversation, release.get()));
        Money heldCost = new Money(each.amount().multiply(BigDecimal.valueOf(held.size())), each.currency());
        Money templateCost = template.price().plus(templateFee);
        Money cost = templateCost.plus(heldCost);
        Money budget = route.monthlyBudget().get();
        return RouteBudget.over(budget, spent(c, route, budget, cost, now), cost, "the re-engagement template ("
                + templateCost + ") and the reply held for the customer's answer (" + held.size() + " message"
                + (held.size() == 1 ? "" : "s") + ", " + heldCost + ") cost " + cost);
    }

    /** What the route spent this month, when it matters: nothing is counted for a free message or another currency. */
    private static Money spent(Connection c, RouteConfig route, Money budget, Money cost, Instant at)
            throws SQLException {
        return cost.isZero() || !budget.currency().equals(cost.currency()) ? Money.zero(budget.currency())
                : LedgerQueries.routeSpend(c, YearMonth.from(at.atZone(ZoneOffset.UTC)), route.channel(), route.crm(),
                        budget.currency());
    }

    /**
     * Whether all of a held reply's messages (a long text's parts, its attachments: free-form, priced
     * alike) fit the route's budget together, at the first one's quote, so that it goes out whole or
     * not at all. Empty when they fit, when there is one message, or when the first cannot be priced
     * or sent now: each message's own checks tell those.
     */
    static Optional<String> overBudgetTogether(Connection c, EngineContext ctx, RouteConfig route,
            Conversation conversation, List<OutboundMessage> messages, Instant now) throws SQLException {
        if (messages.size() < 2) {
            return Optional.empty();
        }
        Quote quote;
        try {
            quote = quote(c, ctx, conversation, messages.get(0), now);
        } catch (PricingException e) {
            return Optional.empty();
        }
        return quote.allowed() ? overBudget(c, route, quote, channelFee(ctx, conversation, quote), messages.size(), now)
                : Optional.empty();
    }

    /**
     * Queues one message: an outbox item keyed by (source, event id), its message row and its quote.
     *
     * @return the message row's id; empty when this send was queued before
     */
    static Optional<Long> enqueue(Connection c, EngineContext ctx, Conversation conversation, OutboundMessage message,
            EngineEvent.Purpose purpose, Quote quote, Money channelFee, String sourceId, String eventId,
            Optional<String> crmEventId, Optional<String> author, Instant now) throws SQLException {
        EngineEvent.SendMessage send = new EngineEvent.SendMessage(conversation.id().value(), message, purpose, quote,
                Optional.empty());
        Instant queuedAt = ctx.timer().instant();
        Optional<Long> added = ctx.outbox().enqueue(c, new NewQueueItem(sourceId, eventId, send.type(),
                conversation.partitionKey(), ctx.codec().encode(send), Optional.of(conversation.id().value())),
                queuedAt);
        if (added.isEmpty()) {
            return Optional.empty();
        }
        long outboxId = added.get();
        String window = StatusCalculator.windowLabel(conversation.window(), now);
        long messageId = ctx.messages().insertOutbound(c, conversation.id(), kindOf(message), purpose.name(),
                crmEventId, outboxId, summary(message), author, window, now);
        ctx.ledger().quote(c, new NewLedgerEntry(messageId, conversation.id(), "OUT", conversation.channelId(),
                conversation.crmId(), conversation.business(), conversation.customer(), quote, channelFee, now));
        ctx.metrics().message("out", window.toLowerCase(java.util.Locale.ROOT));
        ctx.metrics().spend("quoted", quote.price().plus(channelFee));
        return Optional.of(messageId);
    }

    /** The route's re-engagement template as a message. */
    static OutboundMessage.Template template(ReengageTemplate t) {
        return OutboundMessage.Template.of(t.name(), t.language(), t.category(), t.bodyParameters());
    }

    static String kindOf(OutboundMessage message) {
        return switch (message.kind()) {
            case TEMPLATE -> "template";
            case FREEFORM -> message instanceof OutboundMessage.Media ? "media"
                    : message instanceof OutboundMessage.OrderDetails || message instanceof OutboundMessage.OrderStatus
                    ? "order" : "text";
        };
    }

    static String summary(OutboundMessage message) {
        if (message instanceof OutboundMessage.Text t) {
            return t.body();
        }
        if (message instanceof OutboundMessage.Media m) {
            return "[" + m.mediaKind().name().toLowerCase(java.util.Locale.ROOT) + m.filename().map(f -> ": " + f)
                    .orElse("") + "]" + m.caption().map(cap -> " " + cap).orElse("");
        }
        if (message instanceof OutboundMessage.OrderDetails o) {
            return "[order " + o.order().referenceId() + ": " + o.order().total().toPlainString() + " "
                    + o.order().currency().getCurrencyCode() + "]";
        }
        if (message instanceof OutboundMessage.OrderStatus o) {
            return "[order " + o.referenceId() + " " + o.status() + "]";
        }
        OutboundMessage.Template t = (OutboundMessage.Template) message;
        return "[template " + t.name() + " (" + t.language() + ")]";
    }
}
