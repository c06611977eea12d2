package dev.deskbridge.host.engine;

import dev.deskbridge.host.store.Conversation;
import dev.deskbridge.host.store.NewQueueItem;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Queues showing a conversation's window and cost on its ticket ({@code CrmSession.updateStatus}).
 * The item is written in the transaction that changed what the ticket shows (a window's end reached,
 * a cost moved by a status the CRM is not told of; a told delivery carries the status itself), so the
 * update reaches the CRM, with retries, even if the host stops right after; {@link NoticeHandler}
 * reads the status when it runs.
 */
final class TicketStatuses {
    private TicketStatuses() {}

    /**
     * Queues the update when the conversation has a ticket (without one there is nothing to show it on;
     * the customer message that makes the ticket shows the status then).
     *
     * @param key unique for the change, so a repeated decision queues it once
     * @return whether it was queued now (not before, and the conversation has a ticket)
     */
    static boolean enqueue(Connection c, EngineContext ctx, Conversation conversation, String key) throws SQLException {
        if (conversation.ticket().isEmpty()) {
            return false;
        }
        EngineEvent.TicketStatusDue event = new EngineEvent.TicketStatusDue(conversation.id().value());
        return ctx.inbox().enqueue(c, new NewQueueItem(Notices.SOURCE, "status:" + key, event.type(),
                conversation.partitionKey(), ctx.codec().encode(event), Optional.empty()), ctx.timer().instant())
                .isPresent();
    }
}
