package dev.deskbridge.host.engine;

import dev.deskbridge.host.store.Jdbc;
import dev.deskbridge.host.store.StoredMessage;
import java.sql.Connection;
import java.sql.SQLException;

/** What the outbox does with an automatic answer that should not go out after all. */
final class AutoReplySends {
    private AutoReplySends() {}

    /**
     * Whether an agent's reply was queued for the conversation after this automatic answer: the
     * agent's reply wins, the automatic one is not sent. Row ids order the two, not clocks.
     */
    static boolean superseded(Connection c, StoredMessage auto) throws SQLException {
        return Jdbc.count(c, "SELECT COUNT(*) FROM messages WHERE conversation_id = ? AND id > ? AND direction = 'OUT' "
                + "AND purpose IN ('REPLY', 'HELD_REPLY')", auto.conversationId().value(), auto.id()) > 0;
    }

    /** Not sent, and so it costs nothing; nothing is told on the ticket, since the customer was told nothing. */
    static void drop(Connection c, EngineContext ctx, StoredMessage auto, String why) throws SQLException {
        ctx.messages().markFailed(c, auto.id(), "not sent: " + why);
        ctx.ledger().fail(c, auto.id(), ctx.clock().instant());
    }
}
