package dev.deskbridge.host.store;

import dev.deskbridge.connector.api.model.ConversationId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** Agent replies held while a conversation's window is closed. Works inside the caller's transaction. */
public final class HeldReplyStore {

    /** Holds a reply; returns false when this reply was held before. */
    public boolean hold(Connection c, ConversationId conversation, String sourceEvent, String author, String payload,
            Instant now) throws SQLException {
        return Jdbc.update(c, "INSERT INTO held_replies (conversation_id, source_event, author, payload, status, held_at) "
                + "VALUES (?, ?, ?, ?, 'HELD', ?) ON CONFLICT DO NOTHING", conversation.value(), sourceEvent,
                Jdbc.clip(author, 256), payload, now) == 1;
    }

    /** The conversation's held replies, oldest first. */
    public List<HeldReply> held(Connection c, ConversationId conversation) throws SQLException {
        return Jdbc.query(c, "SELECT * FROM held_replies WHERE conversation_id = ? AND status = 'HELD' ORDER BY id",
                HeldReplyStore::map, conversation.value());
    }

    public void markReleased(Connection c, long id, Instant now) throws SQLException {
        Jdbc.update(c, "UPDATE held_replies SET status = 'RELEASED', released_at = ? WHERE id = ?", now, id);
    }

    static HeldReply map(ResultSet rs) throws SQLException {
        return new HeldReply(rs.getLong("id"), ConversationId.of(rs.getString("conversation_id")),
                rs.getString("source_event"), rs.getString("author"), rs.getString("payload"),
                Jdbc.instant(rs, "held_at"));
    }
}
