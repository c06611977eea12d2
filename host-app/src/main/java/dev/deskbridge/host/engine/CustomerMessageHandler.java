package dev.deskbridge.host.engine;

import dev.deskbridge.host.config.RouteConfig;
import dev.deskbridge.connector.api.CrmSession;
import dev.deskbridge.connector.api.error.PermanentException;
import dev.deskbridge.connector.api.model.AgentNotice;
import dev.deskbridge.connector.api.model.CustomerMessage;
import dev.deskbridge.connector.api.model.EntryLink;
import dev.deskbridge.connector.api.model.InboundMessage;
import dev.deskbridge.connector.api.model.MessageContent;
import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.model.TicketRef;
import dev.deskbridge.connector.api.pricing.ConversationStatus;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.Quote;
import dev.deskbridge.connector.api.pricing.WindowState;
import dev.deskbridge.host.links.ChatLink;
import dev.deskbridge.host.links.LinkCodes;
import dev.deskbridge.host.links.LinkStore;
import dev.deskbridge.host.pricing.PricingException;
import dev.deskbridge.host.store.Conversation;
import dev.deskbridge.host.store.HeldReply;
import dev.deskbridge.host.store.NewLedgerEntry;
import dev.deskbridge.host.store.QueueItem;
import dev.deskbridge.host.store.StoredMessage;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A customer wrote: find or create the conversation, move its window (never backwards), release
 * replies held for this answer, put the message on the CRM ticket and show the new window there.
 *
 * <p>Safe to run again after a failure: the message is stored once by its provider id, and the
 * CRM is asked to append it only until the ticket it landed on is recorded.
 */
final class CustomerMessageHandler {
    private static final Logger LOG = LoggerFactory.getLogger(CustomerMessageHandler.class);
    private static final LinkStore LINKS = new LinkStore();

    private final EngineContext ctx;
    private final InboundMedia media;

    /** @param policy the policy of the inbox, which says when a media download may wait for another attempt */
    CustomerMessageHandler(EngineContext ctx, ErrorPolicy policy) {
        this.ctx = ctx;
        this.media = new InboundMedia(policy, ctx.timer());
    }

    /**
     * The message as stored: its id, the ticket the CRM put it on when it was appended before, the
     * message as agents see it (a link's code taken out) and the link the conversation came from.
     */
    private record Stored(Conversation conversation, long messageId, Optional<String> crmTicketId,
            ConversationStatus status, InboundMessage shown, Optional<EntryLink> link) {}

    void handle(QueueItem item, EngineEvent.CustomerMessageReceived event, Completion done) {
        RouteConfig route = ctx.routes().byChannel(event.channelId()).orElseThrow(() -> new PermanentException(
                "no route carries channel '" + event.channelId() + "' to a CRM"));
        CrmSession crm = ctx.sessions().crm(route.crm());
        InboundMessage m = event.message();
        Stored stored = ctx.db().inTransaction(c -> store(c, route, m));

        if (stored.crmTicketId().isPresent()) {
            // An earlier attempt put it on the ticket: only the calls after that are made again.
            TicketRef ticket = stored.conversation().ticket().orElse(TicketRef.of(stored.crmTicketId().get()));
            afterTicket(crm, route, ticket, stored, m);
            return;
        }
        InboundMedia.Fetched fetched = media.fetch(item, crm, ctx.sessions().channel(route.channel()), stored.shown());
        // A later attempt may follow one that reached the CRM before the host could record it.
        TicketRef ticket = crm.appendCustomerMessage(new CustomerMessage(stored.conversation().ref(), fetched.shown(),
                fetched.attachments(), stored.status(), item.attempts() > 1, stored.link()));
        try {
            afterTicket(crm, route, ticket, stored, m);
        } catch (RuntimeException e) {
            // The ticket is recorded all the same, so the retry does not append the message again.
            ctx.db().inTransactionDo(c -> recordTicket(c, stored, ticket));
            ctx.db().durableEventually();
            throw e;
        }
        // The ticket and the item's completion in one transaction, after every call out: a crash
        // before it re-runs the item as a later attempt (its claim was made durable before the calls),
        // the CRM finds that attempt by the ids it carries, and the calls after the append are repeated.
        ctx.db().inTransactionDo(c -> {
            recordTicket(c, stored, ticket);
            done.in(c);
        });
        // Flushed with the next flush anyone asks for, without a flush of its own: a crash before it
        // only repeats the item as a later attempt, as above.
        ctx.db().durableEventually();
    }

    private void recordTicket(Connection c, Stored stored, TicketRef ticket) throws SQLException {
        if (!stored.conversation().ticket().equals(Optional.of(ticket))) {
            ctx.conversations().setTicket(c, stored.conversation().id(), ticket, ctx.clock().instant());
        }
        ctx.messages().setCrmTicket(c, stored.messageId(), ticket.id());
    }

    /**
     * Always, even though the message carried the status: a plugin may show it only on a new ticket
     * (the Twilio one does), and the SPI promises this call after every customer message.
     */
    private void afterTicket(CrmSession crm, RouteConfig route, TicketRef ticket, Stored stored, InboundMessage m) {
        crm.updateStatus(ticket, stored.status());
        ReadReceipts.afterTicket(ctx, route, m);
    }

    private Stored store(Connection c, RouteConfig route, InboundMessage received) throws SQLException {
        Instant now = ctx.clock().instant();
        Conversation conversation = ctx.conversations().findOrCreate(c, received.business(), received.customer(),
                received.customerName(), route.channel(), route.crm(), now);
        Optional<LinkCodes.Found> code = linkCode(c, received);
        InboundMessage m = code.map(f -> withText(received, f.textWithout())).orElse(received);
        boolean first = conversation.lastCustomerMessageAt().isEmpty();
        WindowState window = ctx.pricing().onCustomerMessage(conversation.window(), m.sentAt(),
                m.referral().isPresent());
        String label = StatusCalculator.windowLabel(window, now);
        Optional<Long> added = ctx.messages().insertInbound(c, conversation.id(), kind(m.content()),
                m.providerMessageId(), m.content().summary(), label, m.sentAt(), now);
        if (added.isPresent() && first && code.isPresent()) {
            LINKS.attribute(c, conversation.id(), code.get().code(), now);
        }
        if (added.isPresent()) {
            Conversation before = conversation;
            Instant last = conversation.lastCustomerMessageAt().filter(l -> l.isAfter(m.sentAt())).orElse(m.sentAt());
            conversation = ctx.conversations().customerMessage(c, conversation, window, last, warnAt(window, now),
                    m.customerName(), now);
            ctx.metrics().message("in", label.toLowerCase(Locale.ROOT));
            chargeInbound(c, conversation, added.get(), now);
            // Agents' held replies answer this message, and an opt-out word has its own confirmation:
            // an automatic answer would only be in their way.
            boolean released = releaseHeld(c, route, conversation, now);
            boolean optOut = OptOuts.onCustomerMessage(c, ctx, route, conversation, m, now);
            if (!released && !optOut) {
                AutoResponder.decide(c, ctx, route, before, conversation, m, now);
            }
        }
        ConversationStatus status = StatusCalculator.status(c, conversation, now, ctx.settings().warnBefore(),
                currency(route));
        Optional<EntryLink> link = LINKS.linkOf(c, conversation.id()).map(ChatLink::entryLink);
        if (added.isPresent()) {
            return new Stored(conversation, added.get(), Optional.empty(), status, m, link);
        }
        StoredMessage message = ctx.messages().findByProviderId(c, m.providerMessageId()).orElseThrow();
        return new Stored(conversation, message.id(), message.crmTicketId(), status, m, link);
    }

    /**
     * The code of a link to this business number in a text message. Only a known link's code is
     * taken out of the text (agents see the customer's words), and only a conversation's first
     * message records it; the answer is the same on every attempt, so a retry shows the same text.
     */
    private static Optional<LinkCodes.Found> linkCode(Connection c, InboundMessage m) throws SQLException {
        if (!(m.content() instanceof MessageContent.Text text)) {
            return Optional.empty();
        }
        Optional<LinkCodes.Found> found = LinkCodes.find(text.body());
        if (found.isEmpty() || LINKS.forMessage(c, found.get().code(), m.business()).isEmpty()) {
            return Optional.empty();
        }
        return found;
    }

    private static InboundMessage withText(InboundMessage m, String text) {
        return new InboundMessage(m.eventId(), m.providerMessageId(), m.business(), m.customer(), m.customerName(),
                m.sentAt(), new MessageContent.Text(text), m.inReplyTo(), m.referral());
    }

    /** When to warn the CRM: {@code warnBefore} ahead of the window's end, if that is still to come. */
    private Optional<Instant> warnAt(WindowState window, Instant now) {
        return window.serviceWindowEndsAt()
                .filter(end -> end.isAfter(now))
                .map(end -> end.minus(ctx.settings().warnBefore()));
    }

    /**
     * A channel that bills received messages (Twilio) gets a ledger row for them, settled at its fee
     * at once: the message was received, so it is billed, and no delivery status will come for it.
     * A price the provider reports for it later settles it again ({@link DeliveryHandler}).
     */
    private void chargeInbound(Connection c, Conversation conversation, long messageId, Instant now)
            throws SQLException {
        Optional<Money> fee = ctx.sessions().channel(conversation.channelId()).channelFeePerMessage();
        if (fee.isEmpty() || fee.get().isZero()) {
            return;
        }
        Quote free = new Quote(true, Optional.empty(), false, Optional.empty(), Optional.empty(), Optional.empty(),
                Money.zero(fee.get().currency()), Optional.empty());
        ctx.ledger().settled(c, new NewLedgerEntry(messageId, conversation.id(), "IN", conversation.channelId(),
                conversation.crmId(), conversation.business(), conversation.customer(), free, fee.get(), now));
        ctx.metrics().spend("settled", fee.get());
    }

    /**
     * The customer answered: replies held for the re-engagement go out now, inside the new window.
     *
     * @return whether there were held replies
     */
    private boolean releaseHeld(Connection c, RouteConfig route, Conversation conversation, Instant now) throws SQLException {
        List<HeldReply> held = ctx.held().held(c, conversation.id());
        for (HeldReply reply : held) {
            List<OutboundMessage> messages = ctx.codec().decodeMessages(reply.payload());
            Optional<String> whole = Outbound.overBudgetTogether(c, ctx, route, conversation, messages, now);
            if (whole.isPresent()) {
                // Not some of a long reply's parts: the customer would read half an answer.
                Notices.enqueue(c, ctx, conversation, AgentNotice.Kind.REPLY_REFUSED_BUDGET, whole.get() + " The held "
                        + "reply (" + messages.size() + " messages) was not sent.", Optional.empty(), "held:" + reply.id(),
                        now);
                ctx.held().markReleased(c, reply.id(), now);
                continue;
            }
            for (int i = 0; i < messages.size(); i++) {
                OutboundMessage message = messages.get(i);
                Quote quote;
                try {
                    quote = Outbound.quote(c, ctx, conversation, message, now);
                } catch (PricingException e) {
                    // Told on the ticket and left out: a reply that cannot be priced must not stop the
                    // customer's message, which would otherwise never reach the ticket.
                    Notices.enqueue(c, ctx, conversation, AgentNotice.Kind.REPLY_REFUSED_POLICY, "Not sent: the "
                            + "customer answered, but DeskBridge cannot price the reply held for them: "
                            + AgentReplyHandler.unpriced(e) + "; " + e.getMessage() + " [" + e.code() + "]. Nothing "
                            + "was sent to the customer. Send the reply again once the rate card is corrected.",
                            Optional.empty(), "unpriced:held:" + reply.id() + "#" + i, now);
                    continue;
                }
                if (!quote.allowed()) {
                    LOG.warn("held reply {} of conversation {} still not allowed: {}", reply.id(), conversation.id(),
                            quote.refusal().orElse("?"));
                    return true;
                }
                Money fee = Outbound.channelFee(ctx, conversation, quote);
                Optional<String> over = Outbound.overBudget(c, route, quote, fee, 1, now);
                if (over.isPresent()) {
                    Notices.enqueue(c, ctx, conversation, AgentNotice.Kind.REPLY_REFUSED_BUDGET, over.get(),
                            Optional.of(quote), "held:" + reply.id() + "#" + i, now);
                    continue;
                }
                Outbound.enqueue(c, ctx, conversation, message, EngineEvent.Purpose.HELD_REPLY, quote, fee,
                        Notices.SOURCE, "held:" + reply.id() + "#" + i, Optional.of(reply.sourceEvent()),
                        Optional.of(reply.author()), now);
            }
            ctx.held().markReleased(c, reply.id(), now);
        }
        if (!held.isEmpty()) {
            ctx.conversations().agentAnswered(c, conversation.id(), now);
        }
        return !held.isEmpty();
    }

    private Currency currency(RouteConfig route) {
        return StatusCalculator.currency(ctx, route);
    }

    static String kind(MessageContent content) {
        String name = content.getClass().getSimpleName();
        return switch (name) {
            case "InteractiveReply" -> "interactive";
            case "TemplateButtonReply" -> "button";
            default -> name.toLowerCase(Locale.ROOT);
        };
    }
}
