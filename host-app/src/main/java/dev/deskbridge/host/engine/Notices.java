package dev.deskbridge.host.engine;

import dev.deskbridge.connector.api.model.AgentNotice;
import dev.deskbridge.connector.api.pricing.Quote;
import dev.deskbridge.host.store.Conversation;
import dev.deskbridge.host.store.NewQueueItem;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Queues notes for agents. A notice is an inbox item written in the same transaction as the
 * decision it reports, so it reaches the CRM (with retries) even if the host stops right after.
 */
final class Notices {
    static final String SOURCE = "engine";

    private Notices() {}

    /**
     * @param key unique for this notice, so a repeated decision queues it once
     */
    static void enqueue(Connection c, EngineContext ctx, Conversation conversation, AgentNotice.Kind kind, String text,
            Optional<Quote> quote, String key, Instant now) throws SQLException {
        // The notice's id is its inbox key: the CRM marks the note with it, so a retry finds it.
        String id = "notice:" + kind.name() + ":" + key;
        AgentNotice notice = new AgentNotice(id, kind, text, quote);
        EngineEvent.NoticeDue event = new EngineEvent.NoticeDue(conversation.id().value(), notice);
        ctx.inbox().enqueue(c, new NewQueueItem(SOURCE, id, event.type(),
                conversation.partitionKey(), ctx.codec().encode(event), Optional.empty()), now);
    }
}
