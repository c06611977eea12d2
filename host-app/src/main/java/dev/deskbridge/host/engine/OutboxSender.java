package dev.deskbridge.host.engine;

import dev.deskbridge.connector.api.model.AgentNotice;
import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.model.SendRequest;
import dev.deskbridge.connector.api.model.SendResult;
import dev.deskbridge.connector.api.pricing.WindowState;
import dev.deskbridge.host.store.Conversation;
import dev.deskbridge.host.store.QueueItem;
import dev.deskbridge.host.store.StoredMessage;
import java.time.Instant;
import java.util.Optional;

/**
 * Sends one outbox item through its channel (the outbox id is the idempotency key), then records
 * the provider's id, moves the window (a first reply may open a free entry point window) and queues
 * the note agents should see. A send the provider accepted is never repeated.
 */
final class OutboxSender {
    private final EngineContext ctx;

    OutboxSender(EngineContext ctx) {
        this.ctx = ctx;
    }

    private record Pending(Conversation conversation, StoredMessage message) {}

    void handle(QueueItem item, EngineEvent.SendMessage send, Completion done) {
        Pending pending = ctx.db().inTransaction(c -> new Pending(
                ctx.conversations().findById(c, dev.deskbridge.connector.api.model.ConversationId.of(
                        send.conversationId()), false).orElseThrow(),
                ctx.messages().findByOutboxId(c, item.id()).orElseThrow()));
        if (pending.message().providerMessageId().isPresent() || pending.message().status().equals("FAILED")) {
            return;
        }
        Conversation conversation = pending.conversation();
        SendResult result = ctx.sessions().channel(conversation.channelId()).send(new SendRequest(
                String.valueOf(item.id()), conversation.business(), conversation.customer(), send.message(),
                send.replyTo()));
        ctx.db().inTransactionDo(c -> {
            Instant now = ctx.clock().instant();
            Conversation locked = ctx.conversations().findById(c, conversation.id(), true).orElseThrow();
            ctx.messages().markAccepted(c, pending.message().id(), result.providerMessageId(), now);
            ctx.ledger().accepted(c, pending.message().id(), result.providerMessageId(), result.channelFee());
            ctx.outbox().recordProviderId(c, item.id(), result.providerMessageId());
            WindowState window = ctx.pricing().onBusinessMessage(locked.window(), now);
            ctx.conversations().businessMessage(c, locked.id(), window, now,
                    send.purpose() != EngineEvent.Purpose.REENGAGE, now);
            if (send.purpose() == EngineEvent.Purpose.REENGAGE) {
                OutboundMessage.Template t = (OutboundMessage.Template) send.message();
                Notices.enqueue(c, ctx, locked, AgentNotice.Kind.TEMPLATE_SENT, "The service window was closed, so the "
                        + "re-engagement template '" + t.name() + "' was sent"
                        + send.quote().category().map(cat -> " (" + cat.wireName() + ")").orElse("") + "; "
                        + price(send.quote()) + ".",
                        Optional.of(send.quote()), "outbox:" + item.id(), now);
            } else if (send.purpose() == EngineEvent.Purpose.HELD_REPLY) {
                Notices.enqueue(c, ctx, locked, AgentNotice.Kind.HELD_REPLY_SENT, "The customer answered; the held "
                        + "reply was sent; " + price(send.quote()) + ".", Optional.of(send.quote()),
                        "outbox:" + item.id(), now);
            }
            done.in(c);
        });
        // The provider has the message: a crash from here on must not send it again.
        ctx.db().durable();
    }

    /** What a note tells agents a message costs: {@code quoted 0.0550 USD}, or {@code free}. */
    private static String price(dev.deskbridge.connector.api.pricing.Quote quote) {
        return quote.billable() && !quote.price().isZero()
                ? "quoted " + dev.deskbridge.host.pricing.Amounts.format(quote.price().amount(),
                        quote.price().currency().getCurrencyCode())
                : "free";
    }

    /** A send given up: the message failed and costs nothing, and the agents are told why. */
    void onDeadLetter(QueueItem item, String reason) {
        ctx.db().inTransactionDo(c -> {
            Instant now = ctx.clock().instant();
            Optional<StoredMessage> message = ctx.messages().findByOutboxId(c, item.id());
            if (message.isEmpty()) {
                return;
            }
            ctx.messages().markFailed(c, message.get().id(), reason);
            ctx.ledger().fail(c, message.get().id(), now);
            Conversation conversation = ctx.conversations().findById(c, message.get().conversationId(), true)
                    .orElseThrow();
            if ("REENGAGE".equals(message.get().purpose().orElse(""))) {
                // The next agent reply may try the template again.
                ctx.conversations().setReengaged(c, conversation.id(), Optional.empty(), now);
            }
            Notices.enqueue(c, ctx, conversation, AgentNotice.Kind.DELIVERY_FAILED, "A message could not be sent ("
                    + message.get().summary() + "): " + reason, Optional.empty(), "outbox-dead:" + item.id() + ":"
                    + item.attempts(), now);
        });
    }
}
