package dev.deskbridge.host.engine;

import dev.deskbridge.connector.api.CrmSession;
import dev.deskbridge.connector.api.model.BusinessTicket;
import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.model.TicketRef;
import dev.deskbridge.connector.api.pricing.ConversationStatus;
import dev.deskbridge.host.store.Conversation;
import java.util.Optional;

/**
 * Puts a message the business started on a ticket: the CRM opens one (or notes it on the
 * customer's open one) and the host records the ticket, so the customer's answer lands there.
 */
final class BusinessTicketHandler {
    private final EngineContext ctx;

    BusinessTicketHandler(EngineContext ctx) {
        this.ctx = ctx;
    }

    void handle(EngineEvent.BusinessTicketDue event) {
        ConversationId id = ConversationId.of(event.conversationId());
        Conversation conversation = ctx.db().inTransaction(c -> ctx.conversations().findById(c, id, false))
                .orElseThrow(() -> new IllegalArgumentException("no conversation " + id.value()));
        ConversationStatus status = ctx.db().inTransaction(c -> StatusCalculator.status(c, conversation,
                ctx.clock().instant(), ctx.settings().warnBefore(), ctx.settings().currency()));
        CrmSession crm = ctx.sessions().crm(conversation.crmId());
        TicketRef ticket = crm.openTicket(new BusinessTicket(conversation.ref(), event.note(), event.subject(),
                event.reuseOpenTicket(), status));
        if (!conversation.ticket().equals(Optional.of(ticket))) {
            ctx.db().inTransactionDo(c -> ctx.conversations().setTicket(c, id, ticket, ctx.clock().instant()));
        }
    }
}
