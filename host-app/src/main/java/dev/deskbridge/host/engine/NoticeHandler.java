package dev.deskbridge.host.engine;

import dev.deskbridge.connector.api.model.AgentNotice;
import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.pricing.ConversationStatus;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.Quote;
import dev.deskbridge.connector.api.pricing.WindowPhase;
import dev.deskbridge.host.store.Conversation;
import dev.deskbridge.host.store.QueueItem;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers notes for agents, window-closing warnings and status updates (window, cost) to the
 * conversation's CRM ticket.
 */
final class NoticeHandler {
    private static final Logger LOG = LoggerFactory.getLogger(NoticeHandler.class);

    private final EngineContext ctx;

    NoticeHandler(EngineContext ctx) {
        this.ctx = ctx;
    }

    void handle(QueueItem item, EngineEvent.NoticeDue event) {
        Conversation conversation = load(event.conversationId());
        if (conversation.ticket().isEmpty()) {
            LOG.warn("notice {} for conversation {} dropped: it has no ticket", event.notice().kind(),
                    conversation.id());
            return;
        }
        ctx.sessions().crm(conversation.crmId()).notifyAgents(conversation.ticket().get(), event.notice());
    }

    /**
     * Warns the CRM that the window closes soon, unless an agent answered meanwhile or a newer
     * customer message moved the window (which schedules its own warning).
     */
    void handle(QueueItem item, EngineEvent.WindowClosing event) {
        Conversation conversation = load(event.conversationId());
        if (conversation.ticket().isEmpty()
                || !conversation.window().serviceWindowEndsAt().equals(Optional.of(event.closesAt()))
                || answered(conversation)) {
            return;
        }
        ConversationStatus status = ctx.db().inTransaction(c -> StatusCalculator.status(c, ctx, conversation,
                ctx.clock().instant()));
        if (status.phase() == WindowPhase.CLOSED) {
            return;
        }
        Instant now = ctx.clock().instant();
        String reply = ctx.db().inTransaction(c -> replyNow(c, conversation, now));
        long minutes = Math.max(0, Duration.between(now, event.closesAt()).toMinutes());
        var crm = ctx.sessions().crm(conversation.crmId());
        // One warning per window end: the id stays the same on every attempt.
        crm.notifyAgents(conversation.ticket().get(), new AgentNotice("notice:WINDOW_CLOSING:" + conversation.id()
                + ":" + event.closesAt(), AgentNotice.Kind.WINDOW_CLOSING,
                "The customer's service window closes at " + event.closesAt() + " (in " + minutes
                + " min) and nobody has answered yet. " + reply, Optional.empty()));
        crm.updateStatus(conversation.ticket().get(), new ConversationStatus(status.window(), WindowPhase.CLOSING,
                status.closesAt(), status.costSoFar(), status.asOf()));
    }

    /**
     * What a reply now would cost, as the warning says it: free only when the rules say so (since
     * October 2026 a service reply is billed in most markets, and a free allowance may be used up).
     */
    private String replyNow(java.sql.Connection c, Conversation conversation, Instant now) {
        try {
            Quote quote = Outbound.quote(c, ctx, conversation, new OutboundMessage.Text("reply", false), now);
            Money cost = quote.price().plus(Outbound.channelFee(ctx, conversation, quote));
            return cost.isZero() ? "Reply before then to answer free."
                    : "Reply before then to answer without a template (a reply costs " + cost + " now).";
        } catch (RuntimeException e) {
            // No rate for the market, say: the warning still goes, without a price.
            return "Reply before then to answer without a template.";
        }
    }

    /**
     * Shows the conversation's current window and cost on its ticket, read now rather than when the
     * item was queued: a later change is shown as it is, and the CRM writes nothing that did not change.
     * Repeated after a failure like any call here; the ticket then shows the same status again.
     */
    void handle(QueueItem item, EngineEvent.TicketStatusDue event) {
        Conversation conversation = load(event.conversationId());
        if (conversation.ticket().isEmpty()) {
            return;
        }
        ConversationStatus status = ctx.db().inTransaction(c -> StatusCalculator.status(c, ctx, conversation,
                ctx.clock().instant()));
        ctx.sessions().crm(conversation.crmId()).updateStatus(conversation.ticket().get(), status);
    }

    private static boolean answered(Conversation conversation) {
        return conversation.lastBusinessMessageAt().isPresent() && conversation.lastCustomerMessageAt().isPresent()
                && conversation.lastBusinessMessageAt().get().isAfter(conversation.lastCustomerMessageAt().get());
    }

    private Conversation load(String id) {
        return ctx.db().inTransaction(c -> ctx.conversations().findById(c, ConversationId.of(id), false))
                .orElseThrow(() -> new IllegalArgumentException("no conversation " + id));
    }
}
