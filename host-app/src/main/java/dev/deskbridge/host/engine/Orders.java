package dev.deskbridge.host.engine;

import dev.deskbridge.connector.api.model.AgentNotice;
import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.Quote;
import dev.deskbridge.host.config.RouteConfig;
import dev.deskbridge.host.store.BusinessMessageStore;
import dev.deskbridge.host.store.Conversation;
import dev.deskbridge.host.store.OrderStore;
import dev.deskbridge.host.store.StoredOrder;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Order messages the business sends (Meta's {@code order_details} and {@code order_status}): checked,
 * decided and stored in one transaction with the order itself, then sent by the outbox like any
 * business message. They are interactive messages, which WhatsApp carries only inside the
 * customer's service window, quoted and budgeted there as any free-form message (the schedule in
 * force says free, or billed as service); outside it Meta asks for an approved order template,
 * which this path does not send, so the request is refused with {@code window_closed}.
 */
public final class Orders {
    private final EngineContext ctx;
    private final BusinessMessages business;
    private final Runnable wake;
    private final OrderStore store = new OrderStore();
    private final BusinessMessageStore answers = new BusinessMessageStore();

    Orders(EngineContext ctx, BusinessMessages business, Runnable wake) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.business = Objects.requireNonNull(business, "business");
        this.wake = Objects.requireNonNull(wake, "wake");
    }

    /** An order message taken: it is queued. */
    public record Accepted(long messageId, ConversationId conversationId, String channelId, String crmId,
            PhoneNumber customer, OutboundMessage message, String referenceId, Quote quote, Money channelFee,
            Optional<String> idempotencyKey) {
        public Accepted {
            Objects.requireNonNull(conversationId, "conversationId");
            Objects.requireNonNull(channelId, "channelId");
            Objects.requireNonNull(crmId, "crmId");
            Objects.requireNonNull(customer, "customer");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(referenceId, "referenceId");
            Objects.requireNonNull(quote, "quote");
            Objects.requireNonNull(channelFee, "channelFee");
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        }
    }

    /**
     * Checks, decides and stores the send, or refuses it (nothing stored then).
     *
     * @throws SendRefusedException with its reason code
     */
    public BusinessMessages.Answer submit(OrderSend send, Function<Accepted, String> render) {
        OrderCheck.check(send.customer(), send.message());
        BusinessMessages.Answer answer = ctx.db().inTransaction(c -> {
            if (send.idempotencyKey().isPresent()) {
                Optional<String> earlier = answers.answerForKey(c, send.idempotencyKey().get());
                if (earlier.isPresent()) {
                    return new BusinessMessages.Answer(earlier.get(), true);
                }
            }
            RouteConfig route = business.routes().of(c, send.route(), send.customer(), continues(send));
            PhoneNumber number = business.businessNumber(route);
            return new BusinessMessages.Answer(decide(c, send, route, number, render), false);
        });
        if (!answer.replayed()) {
            wake.run();
        }
        return answer;
    }

    private String decide(Connection c, OrderSend send, RouteConfig route, PhoneNumber number,
            Function<Accepted, String> render) throws SQLException {
        Instant now = ctx.clock().instant();
        Conversation conversation = ctx.conversations().findByParties(c, number, send.customer(), true)
                .orElseThrow(() -> windowClosed("the customer has not written to this business number yet"));
        if (!conversation.crmId().equals(route.crm()) || !conversation.channelId().equals(route.channel())) {
            throw new SendRefusedException("route_conflict", 409, "this customer's conversation is carried by crm '"
                    + conversation.crmId() + "', not '" + route.crm() + "'");
        }
        String reference = send.referenceId();
        Optional<StoredOrder> existing = store.findByReference(c, route.channel(), reference);
        boolean details = send.message() instanceof OutboundMessage.OrderDetails;
        if (details && existing.isPresent()) {
            throw new SendRefusedException("order_exists", 409, "order.reference: '" + reference + "' was sent "
                    + "before on this channel; a reference names one order");
        }
        if (!details && (existing.isEmpty() || !existing.get().conversationId().equals(conversation.id().value()))) {
            throw new SendRefusedException("order_unknown", 422, "order.reference: DeskBridge sent no order '"
                    + reference + "' to this customer; an order status follows its order details");
        }
        Quote quote = Outbound.quote(c, ctx, conversation, send.message(), now);
        if (!quote.allowed()) {
            throw windowClosed(quote.refusal().orElse("the customer service window is closed"));
        }
        Money fee = Outbound.channelFee(ctx, conversation, quote);
        Optional<String> over = Outbound.overBudget(c, route, quote, fee, 1, now);
        if (over.isPresent()) {
            throw new SendRefusedException("budget_exhausted", 402, over.get());
        }
        String eventId = send.idempotencyKey().map(k -> "key:" + k).orElseGet(() -> "id:" + UUID.randomUUID());
        Optional<Long> queued = Outbound.enqueue(c, ctx, conversation, send.message(),
                EngineEvent.Purpose.NOTIFICATION, quote, fee, BusinessMessages.SOURCE, eventId, Optional.empty(),
                Optional.of(BusinessMessages.SOURCE), now);
        if (queued.isEmpty()) {
            throw keyInUse();
        }
        long messageId = queued.get();
        String noteText;
        if (send.message() instanceof OutboundMessage.OrderDetails d) {
            store.insert(c, conversation.id().value(), reference, route.channel(), send.customer().e164(), messageId,
                    d.order().currency().getCurrencyCode(), d.order().total(), now);
            noteText = "The business sent order " + reference + " for payment: "
                    + PaymentUpdates.amount(d.order().total(), d.order().currency().getCurrencyCode()) + ".";
        } else {
            OutboundMessage.OrderStatus s = (OutboundMessage.OrderStatus) send.message();
            store.updateOrderStatus(c, conversation.id().value(), reference, s.status(), now);
            noteText = "The business told the customer order " + reference + " is " + s.status() + ".";
        }
        Accepted accepted = new Accepted(messageId, conversation.id(), route.channel(), route.crm(), send.customer(),
                send.message(), reference, quote, fee, send.idempotencyKey());
        String json = render.apply(accepted);
        String kind = details ? "interactive:order_details" : "interactive:order_status";
        if (!answers.insert(c, messageId, send.idempotencyKey(), conversation.id().value(),
                TicketMode.ATTACH.wireName(), kind, "", Optional.of(reference), json, now)) {
            throw keyInUse();
        }
        Notices.enqueue(c, ctx, conversation, AgentNotice.Kind.BUSINESS_MESSAGE_SENT, noteText, Optional.of(quote),
                "order:" + messageId, now);
        return json;
    }

    /** Order details go on any conversation with the customer; a status on the one its order was sent on. */
    private RouteChoice.Fits continues(OrderSend send) {
        if (send.message() instanceof OutboundMessage.OrderDetails) {
            return RouteChoice.ANY_CONVERSATION;
        }
        return (c, route, conversation) -> store.findByReference(c, route.channel(), send.referenceId())
                .filter(o -> o.conversationId().equals(conversation.id().value())).isPresent();
    }

    /** The orders kept on a conversation, oldest first. */
    public List<StoredOrder> ofConversation(ConversationId conversationId) {
        return ctx.db().inTransaction(c -> store.ofConversation(c, conversationId.value()));
    }

    private static SendRefusedException windowClosed(String why) {
        return new SendRefusedException("window_closed", 422, "an order message is an interactive message, which "
                + "WhatsApp carries only inside the customer service window (" + why + "); outside it Meta asks for "
                + "an approved order template");
    }

    private static SendRefusedException keyInUse() {
        return new SendRefusedException("idempotency_key_in_use", 409, "a request with this idempotency key is "
                + "being handled; repeat it to get its answer");
    }
}
