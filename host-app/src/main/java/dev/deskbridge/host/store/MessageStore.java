package dev.deskbridge.host.store;

import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.model.DeliveryStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Messages and their status history. Every method works inside the caller's transaction. */
public final class MessageStore {

    /**
     * Stores a customer message unless its provider id is known: the message, then its provider id in
     * {@code message_keys}, whose unique index decides (V18).
     *
     * @return the new message id, or empty when it was stored before
     */
    public Optional<Long> insertInbound(Connection c, ConversationId conversation, String kind,
            String providerMessageId, String summary, String windowState, Instant sentAt, Instant now)
            throws SQLException {
        long id = Jdbc.insert(c, "INSERT INTO messages (conversation_id, direction, kind, provider_message_id, "
                + "summary, status, window_state, sent_at, created_at) VALUES (?, 'IN', ?, ?, ?, 'RECEIVED', ?, ?, ?)",
                conversation.value(), kind, providerMessageId, Jdbc.clip(summary, 4096), windowState, sentAt, now);
        return Jdbc.keepIfKeyIsNew(c, "messages", id, "message_keys", "message_id, provider_message_id",
                providerMessageId);
    }

    /** Stores an outbound message queued as an outbox item. */
    public long insertOutbound(Connection c, ConversationId conversation, String kind, String purpose,
            Optional<String> crmEventId, long outboxId, String summary, Optional<String> author, String windowState,
            Instant now) throws SQLException {
        return Jdbc.insert(c, "INSERT INTO messages (conversation_id, direction, kind, purpose, crm_event_id, outbox_id, "
                + "summary, author, status, window_state, sent_at, created_at) "
                + "VALUES (?, 'OUT', ?, ?, ?, ?, ?, ?, 'QUEUED', ?, ?, ?)", conversation.value(), kind, purpose,
                crmEventId, outboxId, Jdbc.clip(summary, 4096), author.map(a -> Jdbc.clip(a, 256)), windowState, now, now);
    }

    /**
     * A second copy of a sent message, which the provider took twice under its own id: a message of its
     * own (purpose {@code COPY}, no outbox item: the first holds it), already accepted.
     */
    public long insertSecondCopy(Connection c, StoredMessage first, String providerMessageId, Instant now)
            throws SQLException {
        long id = Jdbc.insert(c, "INSERT INTO messages (conversation_id, direction, kind, purpose, summary, author, "
                + "status, window_state, sent_at, created_at) VALUES (?, 'OUT', ?, 'COPY', ?, ?, 'QUEUED', ?, ?, ?)",
                first.conversationId().value(), first.kind(), Jdbc.clip(first.summary(), 4096), first.author(),
                first.windowState(), now, now);
        markAccepted(c, id, providerMessageId, now);
        return id;
    }

    public Optional<StoredMessage> findByProviderId(Connection c, String providerMessageId) throws SQLException {
        return Jdbc.queryOne(c, "SELECT m.* FROM message_keys k JOIN messages m ON m.id = k.message_id "
                + "WHERE k.provider_message_id = ?", MessageStore::map, providerMessageId);
    }

    public Optional<StoredMessage> findByOutboxId(Connection c, long outboxId) throws SQLException {
        return Jdbc.queryOne(c, "SELECT * FROM messages WHERE outbox_id = ?", MessageStore::map, outboxId);
    }

    public Optional<StoredMessage> findById(Connection c, long id) throws SQLException {
        return Jdbc.queryOne(c, "SELECT * FROM messages WHERE id = ?", MessageStore::map, id);
    }

    /** A conversation's messages, oldest first. */
    public List<StoredMessage> ofConversation(Connection c, ConversationId conversation) throws SQLException {
        return Jdbc.query(c, "SELECT * FROM messages WHERE conversation_id = ? ORDER BY id", MessageStore::map,
                conversation.value());
    }

    /** Remembers the ticket the CRM put an inbound message on, so a retry does not append it twice. */
    public void setCrmTicket(Connection c, long messageId, String ticketId) throws SQLException {
        Jdbc.update(c, "UPDATE messages SET crm_ticket_id = ? WHERE id = ?", ticketId, messageId);
    }

    /**
     * The provider accepted an outbound message; false when it was already recorded as accepted (the
     * provider's status, naming the send, can overtake the send's own answer).
     */
    public boolean markAccepted(Connection c, long messageId, String providerMessageId, Instant at)
            throws SQLException {
        if (Jdbc.update(c, "UPDATE messages SET provider_message_id = ?, sent_at = ? WHERE id = ? "
                + "AND provider_message_id IS NULL", providerMessageId, at, messageId) == 0) {
            return false;
        }
        // No ON CONFLICT: a provider id already on another message is an error, as the unique index made it.
        Jdbc.update(c, "INSERT INTO message_keys (message_id, provider_message_id) VALUES (?, ?)", messageId,
                providerMessageId);
        return true;
    }

    /**
     * The message of an outbox send given up without reaching the provider, queued again (its dead
     * letter is replayed); empty when it reached the provider or did not fail.
     *
     * @return the message's id when it was queued again
     */
    public Optional<Long> reopenUnsent(Connection c, long outboxId) throws SQLException {
        Optional<Long> id = Jdbc.queryOne(c, "SELECT id FROM messages WHERE outbox_id = ? AND status = 'FAILED' "
                + "AND provider_message_id IS NULL", rs -> rs.getLong(1), outboxId);
        if (id.isPresent()) {
            Jdbc.update(c, "UPDATE messages SET status = 'QUEUED', error = NULL WHERE id = ?", id.get());
        }
        return id;
    }

    /** The send was given up: the message failed without reaching the provider. */
    public void markFailed(Connection c, long messageId, String error) throws SQLException {
        Jdbc.update(c, "UPDATE messages SET status = 'FAILED', error = ? WHERE id = ?", Jdbc.clip(error, 2000),
                messageId);
    }

    /**
     * Adds a status to the message's history (once per status) and moves its current status forward,
     * never backwards (late webhooks happen).
     */
    public StatusChange recordStatus(Connection c, StoredMessage message, DeliveryStatus status, Instant at,
            Optional<String> error, Instant now) throws SQLException {
        int added = Jdbc.update(c, "INSERT INTO message_statuses (message_id, status, status_at, error, recorded_at) "
                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", message.id(), status, at,
                Jdbc.clip(error.orElse(null), 2000), now);
        if (added == 0) {
            return StatusChange.REPEATED;
        }
        // Forward only, in one conditional update (it locks the row and checks it again once locked),
        // instead of a locking read and then the update.
        if (Jdbc.update(c, "UPDATE messages SET status = ?, error = COALESCE(?, error) WHERE id = ? AND " + RANK
                + " < ?", status, Jdbc.clip(error.orElse(null), 2000), message.id(), rank(status)) == 1) {
            return StatusChange.CURRENT;
        }
        String stored = Jdbc.queryOne(c, "SELECT status FROM messages WHERE id = ?", rs -> rs.getString(1),
                message.id()).orElseThrow(() -> new SQLException("message " + message.id() + " is gone"));
        return currentStatus(stored) == status ? StatusChange.CURRENT : StatusChange.SUPERSEDED;
    }

    /** Whether the CRM was told about this status of the message. */
    public boolean crmRecorded(Connection c, long messageId, DeliveryStatus status) throws SQLException {
        return Jdbc.queryOne(c, "SELECT crm_recorded FROM message_statuses WHERE message_id = ? AND status = ?",
                rs -> rs.getBoolean(1), messageId, status).orElse(true);
    }

    public void markCrmRecorded(Connection c, long messageId, DeliveryStatus status) throws SQLException {
        Jdbc.update(c, "UPDATE message_statuses SET crm_recorded = TRUE WHERE message_id = ? AND status = ?", messageId,
                status);
    }

    /** The statuses a message went through, in the order they were recorded. */
    public List<String> statusHistory(Connection c, long messageId) throws SQLException {
        return Jdbc.query(c, "SELECT status FROM message_statuses WHERE message_id = ? ORDER BY recorded_at, status_at",
                rs -> rs.getString(1), messageId);
    }

    /** A stored status's place in {@link DeliveryStatus}'s order, in SQL (received and queued come first). */
    private static final String RANK = "CASE status WHEN 'SENT' THEN 1 WHEN 'DELIVERED' THEN 2 WHEN 'READ' THEN 3 "
            + "WHEN 'FAILED' THEN 4 ELSE 0 END";

    private static int rank(DeliveryStatus status) {
        return switch (status) {
            case QUEUED -> 0;
            case SENT -> 1;
            case DELIVERED -> 2;
            case READ -> 3;
            case FAILED -> 4;
        };
    }

    private static DeliveryStatus currentStatus(String stored) {
        return switch (stored) {
            case "RECEIVED", "QUEUED" -> DeliveryStatus.QUEUED;
            default -> DeliveryStatus.valueOf(stored);
        };
    }

    static StoredMessage map(ResultSet rs) throws SQLException {
        long outbox = rs.getLong("outbox_id");
        Optional<Long> outboxId = rs.wasNull() ? Optional.empty() : Optional.of(outbox);
        return new StoredMessage(rs.getLong("id"), ConversationId.of(rs.getString("conversation_id")),
                rs.getString("direction"), rs.getString("kind"), Jdbc.optString(rs, "purpose"),
                Jdbc.optString(rs, "provider_message_id"), Jdbc.optString(rs, "crm_event_id"),
                Jdbc.optString(rs, "crm_ticket_id"), outboxId, rs.getString("summary"),
                Jdbc.optString(rs, "author"), rs.getString("status"), Jdbc.optString(rs, "error"),
                rs.getString("window_state"), Jdbc.instant(rs, "sent_at"));
    }
}
