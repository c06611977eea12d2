package dev.deskbridge.host.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Messages the business started through the API, and the answer each request got: a client's
 * idempotency key finds the first answer. Every method works inside the caller's transaction.
 */
public final class BusinessMessageStore {

    /** The answer stored for a client's key, if a request with it was accepted. */
    public Optional<String> answerForKey(Connection c, String idempotencyKey) throws SQLException {
        return Jdbc.queryOne(c, "SELECT answer FROM business_messages WHERE idempotency_key = ?",
                rs -> rs.getString(1), idempotencyKey);
    }

    /** Whether the message was started through the API. */
    public boolean exists(Connection c, long messageId) throws SQLException {
        return Jdbc.count(c, "SELECT COUNT(*) FROM business_messages WHERE message_id = ?", messageId) > 0;
    }

    /**
     * Records an accepted request and its answer.
     *
     * @return false when another request with the same key was recorded first
     */
    public boolean insert(Connection c, long messageId, Optional<String> idempotencyKey, String conversationId,
            String ticketMode, String template, String language, Optional<String> orderReference, String answer,
            Instant now) throws SQLException {
        return Jdbc.update(c, "INSERT INTO business_messages (message_id, idempotency_key, conversation_id, "
                + "ticket_mode, template, language, order_reference, answer, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT DO NOTHING", messageId, idempotencyKey.orElse(null), conversationId, ticketMode,
                Jdbc.clip(template, 512), language, orderReference.orElse(null), answer, now) > 0;
    }
}
