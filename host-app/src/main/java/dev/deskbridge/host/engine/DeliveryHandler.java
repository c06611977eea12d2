package dev.deskbridge.host.engine;

import dev.deskbridge.connector.api.ChannelSession;
import dev.deskbridge.connector.api.CrmSession;
import dev.deskbridge.connector.api.error.RetryableException;
import dev.deskbridge.connector.api.model.AgentNotice;
import dev.deskbridge.connector.api.model.DeliveryError;
import dev.deskbridge.connector.api.model.DeliveryNotice;
import dev.deskbridge.connector.api.model.DeliveryStatus;
import dev.deskbridge.connector.api.model.DeliveryUpdate;
import dev.deskbridge.connector.api.pricing.ConversationStatus;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.OutboundKind;
import dev.deskbridge.host.config.RouteConfig;
import dev.deskbridge.host.consent.ConsentRegistry;
import dev.deskbridge.host.logging.LogSafe;
import dev.deskbridge.host.store.Conversation;
import dev.deskbridge.host.store.LedgerEntry;
import dev.deskbridge.host.store.QueueItem;
import dev.deskbridge.host.store.StatusChange;
import dev.deskbridge.host.store.StoredMessage;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provider reported a sent message's status: keep it in the message's history, settle the ledger
 * from the provider's pricing data (a failed message costs nothing) and tell the CRM, once per
 * status that moved the message forward.
 */
final class DeliveryHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryHandler.class);
    /** A status may overtake the send's own bookkeeping; it is retried a few times before it is let go. */
    static final int UNKNOWN_MESSAGE_ATTEMPTS = 4;
    /**
     * The codes WhatsApp providers report a free-form message with when the customer service window
     * was closed: Meta's 131047 (Re-engagement message), Twilio's 63016. Such a failure goes to the
     * route's policy, as a reply written outside the window would.
     */
    static final Set<String> WINDOW_CLOSED_CODES = Set.of("131047", "63016");

    private final EngineContext ctx;
    private final Settlement settlement;

    DeliveryHandler(EngineContext ctx) {
        this.ctx = ctx;
        this.settlement = new Settlement(ctx);
    }

    /**
     * @param policyApplied the failure went to the route's policy, which tells the agents itself
     * @param status the window and the cost so far as this status left them, when the CRM is to be told
     */
    private record Outcome(Conversation conversation, StoredMessage message, Optional<Money> cost, boolean tellCrm,
            boolean policyApplied, Optional<ConversationStatus> status) {
        Outcome shown(ConversationStatus now) {
            return new Outcome(conversation, message, cost, tellCrm, policyApplied, Optional.of(now));
        }
    }

    void handle(QueueItem item, EngineEvent.DeliveryReported event, Completion done) {
        // Before the transaction: the channel may call its provider for what the webhook lacked.
        DeliveryUpdate u = completed(event.channelId(), event.update());
        Optional<Outcome> outcome = ctx.db().inTransaction(c -> {
            Optional<Outcome> o = record(c, u);
            if (o.isPresent() && (!o.get().tellCrm() || o.get().conversation().ticket().isEmpty())) {
                done.in(c);
            } else if (o.isPresent()) {
                // Read in this transaction, not one of its own: a delivery is on the hot path.
                o = Optional.of(o.get().shown(StatusCalculator.status(c, ctx, ctx.conversations()
                        .findById(c, o.get().conversation().id(), false).orElseThrow(), ctx.clock().instant())));
            }
            return o;
        });
        if (outcome.isEmpty()) {
            if (item.attempts() < UNKNOWN_MESSAGE_ATTEMPTS) {
                throw new RetryableException("status " + u.status() + " for message " + u.providerMessageId()
                        + " that is not known (yet)", Duration.ofSeconds(1), null);
            }
            LOG.info("ignoring status {} of message {}: DeskBridge did not send it", u.status(),
                    LogSafe.text(u.providerMessageId()));
            return;
        }
        Outcome o = outcome.get();
        if (!o.tellCrm() || o.conversation().ticket().isEmpty()) {
            return;
        }
        CrmSession crm = ctx.sessions().crm(o.conversation().crmId());
        Optional<DeliveryError> error = u.errors().stream().findFirst();
        // Written with the delivery: a billed reply's cost reaches the ticket without a request of its own.
        crm.recordDelivery(o.conversation().ticket().get(), new DeliveryNotice(u.providerMessageId(), u.status(),
                u.at(), error, o.cost()), o.status().orElseThrow());
        if (u.status() == DeliveryStatus.FAILED && !o.policyApplied()) {
            // One note per failed message: the id is the same on every attempt.
            crm.notifyAgents(o.conversation().ticket().get(), new AgentNotice("notice:DELIVERY_FAILED:"
                    + u.providerMessageId(), AgentNotice.Kind.DELIVERY_FAILED, "The customer did not receive a message (" + o.message().summary()
                    + ")" + error.map(e -> ": " + e).orElse("") + ". It costs nothing." + (marketingLimit(u)
                            ? " Meta holds back marketing templates to this customer for now (its per-user marketing"
                                    + " limit, 131049); DeskBridge does not send it again." : ""), Optional.empty()));
        }
        ctx.db().inTransactionDo(c -> {
            ctx.messages().markCrmRecorded(c, o.message().id(), u.status());
            done.in(c);
        });
    }

    /**
     * The update as the channel completes it in the worker ({@link ChannelSession#completeUpdate}); the
     * stored one when the channel is no longer configured, its completion fails, or it answers with
     * an update of another event, message or status.
     */
    private DeliveryUpdate completed(String channelId, DeliveryUpdate stored) {
        Optional<ChannelSession> channel = ctx.sessions().findChannel(channelId);
        if (channel.isEmpty()) {
            return stored;
        }
        try {
            DeliveryUpdate u = channel.get().completeUpdate(stored);
            if (u != null && u.eventId().equals(stored.eventId())
                    && u.providerMessageId().equals(stored.providerMessageId()) && u.status() == stored.status()) {
                return u;
            }
            LOG.warn("channel {} completed status {} of message {} into another update; applied as it came",
                    channelId, stored.status(), LogSafe.text(stored.providerMessageId()));
        } catch (RuntimeException e) {
            LOG.warn("channel {} could not complete status {} of message {}; applied as it came: {}", channelId,
                    stored.status(), LogSafe.text(stored.providerMessageId()), LogSafe.text(e));
        }
        return stored;
    }

    private static boolean marketingLimit(DeliveryUpdate u) {
        return u.status() == DeliveryStatus.FAILED
                && u.errors().stream().anyMatch(e -> ConsentRegistry.MARKETING_LIMIT_CODE.equals(e.code()));
    }

    private Optional<Outcome> record(Connection c, DeliveryUpdate u) throws SQLException {
        Optional<StoredMessage> found = ctx.messages().findByProviderId(c, u.providerMessageId());
        if (found.isEmpty()) {
            found = LostAnswers.adopt(c, ctx, u);
        }
        if (found.isEmpty()) {
            found = LostAnswers.secondCopy(c, ctx, u);
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Instant now = ctx.clock().instant();
        StoredMessage message = found.get();
        if (!message.direction().equals("OUT")) {
            return Optional.of(received(c, message, u, now));
        }
        StatusChange change = ctx.messages().recordStatus(c, message, u.status(), u.at(),
                u.errors().stream().findFirst().map(DeliveryError::toString), now);
        Optional<LedgerEntry> entry = ctx.ledger().findByMessage(c, message.id());
        Optional<BigDecimal> costBefore = entry.map(DeliveryHandler::counted);
        if (entry.isPresent()) {
            entry = Optional.of(settlement.settle(c, entry.get(), u, now));
        }
        // The CRM hears of the message's current status once: a status just added is not told yet; a
        // repeated one may have been told before a failure, so its history row says.
        boolean tellCrm = switch (change) {
            case CURRENT -> true;
            case SUPERSEDED -> false;
            case REPEATED -> ctx.messages().findById(c, message.id()).orElseThrow().status().equals(u.status().name())
                    && !ctx.messages().crmRecorded(c, message.id(), u.status());
        };
        boolean windowClosed = u.status() == DeliveryStatus.FAILED
                && u.errors().stream().anyMatch(e -> WINDOW_CLOSED_CODES.contains(e.code()));
        Conversation conversation = ctx.conversations().findById(c, message.conversationId(), windowClosed)
                .orElseThrow();
        if (marketingLimit(u)) {
            // Meta's per-user marketing limit: recorded as such; a failed status is never sent again.
            ctx.consent().recordMarketingLimit(c, conversation.channelId(), conversation.customer(),
                    u.providerMessageId(), u.at());
        }
        // Applied once, when the failure is recorded; a retry of this item (the CRM was away) still
        // knows the policy told the agents, so it adds no failure note of its own.
        boolean policyApplied = windowClosed && windowClosed(c, conversation, message, u,
                change == StatusChange.CURRENT, now);
        if (!tellCrm && entry.isPresent() && counted(entry.get()).compareTo(costBefore.orElseThrow()) != 0) {
            // The conversation's cost so far moved and no delivery is told to carry it (handle): the ticket
            // shows it once, for this status.
            TicketStatuses.enqueue(c, ctx, conversation, "delivery:" + u.eventId());
        }
        Optional<Money> cost = entry.flatMap(e -> e.settledTotal().map(total -> new Money(total, e.currency())));
        return Optional.of(new Outcome(conversation, message, cost, tellCrm, policyApplied, Optional.empty()));
    }

    /** What a ledger row adds to the conversation's cost so far, as {@code LedgerQueries} sums it. */
    private static BigDecimal counted(LedgerEntry e) {
        return e.status().equals("FAILED") ? BigDecimal.ZERO : e.settledMetaFee().orElse(e.quotedMetaFee())
                .add(e.settledChannelFee().orElse(e.quotedChannelFee()));
    }

    /**
     * The provider refused a free-form message as outside the window after accepting it: the route's
     * policy takes it (held for a re-engagement template, or refused on the ticket), never a dead end.
     *
     * @param apply whether to apply it now (the failure was just recorded) or only to say whether it applies
     * @return false when the message was not a free-form one DeskBridge can send again
     */
    private boolean windowClosed(Connection c, Conversation conversation, StoredMessage message, DeliveryUpdate u,
            boolean apply, Instant now) throws SQLException {
        Optional<String> payload = message.outboxId().isPresent()
                ? ctx.outbox().payload(c, message.outboxId().get()) : Optional.empty();
        Optional<RouteConfig> route = ctx.routes().of(conversation.channelId(), conversation.crmId());
        if (payload.isEmpty() || route.isEmpty()) {
            return false;
        }
        EngineEvent event = ctx.codec().decode("SEND_" + message.purpose().orElse("REPLY"), payload.get());
        if (!(event instanceof EngineEvent.SendMessage send) || send.message().kind() != OutboundKind.FREEFORM) {
            return false;
        }
        if (!apply) {
            return true;
        }
        String code = u.errors().stream().map(DeliveryError::code).filter(WINDOW_CLOSED_CODES::contains).findFirst()
                .orElseThrow();
        String key = "failed:" + message.id();
        // The provider's word on the window outranks the host's clock: closed now, so the template is quoted
        // as outside it and the next reply is held behind this one instead of being refused in turn.
        ctx.conversations().closeServiceWindow(c, conversation.id(), now, now);
        conversation = ctx.conversations().findById(c, conversation.id(), true).orElseThrow();
        ClosedWindowPolicy.apply(c, ctx, route.get(), conversation, List.of(send.message()),
                message.author().orElse("agent"), key, key, "the provider reported it undelivered as outside the "
                        + "customer's 24-hour service window (" + code + ")", now);
        return true;
    }

    /**
     * A status for a message the customer sent: only the price the channel reports for receiving it
     * counts, replacing the fee its row was settled at. Nothing is told to the CRM.
     */
    private Outcome received(Connection c, StoredMessage message, DeliveryUpdate u, Instant now) throws SQLException {
        Optional<LedgerEntry> entry = ctx.ledger().findByMessage(c, message.id());
        if (entry.isPresent() && u.providerPrice().isPresent()) {
            Money price = u.providerPrice().get();
            if (price.currency().equals(entry.get().currency())) {
                entry = Optional.of(ctx.ledger().settle(c, entry.get(), entry.get().settledMetaFee()
                        .orElse(entry.get().quotedMetaFee()), price.amount().abs(), Optional.empty(), now));
            } else {
                LOG.warn("price {} reported for received message {} is not in its ledger currency {}; kept",
                        price, u.providerMessageId(), entry.get().currency());
            }
        }
        Conversation conversation = ctx.conversations().findById(c, message.conversationId(), false).orElseThrow();
        Optional<Money> cost = entry.flatMap(e -> e.settledTotal().map(total -> new Money(total, e.currency())));
        return new Outcome(conversation, message, cost, false, false, Optional.empty());
    }
}
