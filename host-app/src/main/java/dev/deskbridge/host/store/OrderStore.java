package dev.deskbridge.host.store;

import dev.deskbridge.connector.api.pricing.Money;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Orders kept on their conversations (V10), identified by (conversation, reference). Every method
 * works inside the caller's transaction.
 */
public final class OrderStore {
    private static final String COLUMNS = "conversation_id, reference_id, channel_id, customer, message_id, currency, "
            + "total, order_status, payment_status, payment_at, transaction_id, paid_amount, paid_currency, created_at, updated_at";

    /** The order with this reference on the channel, whichever conversation it is on. */
    public Optional<StoredOrder> findByReference(Connection c, String channelId, String referenceId)
            throws SQLException {
        return Jdbc.queryOne(c, "SELECT " + COLUMNS + " FROM orders WHERE channel_id = ? AND reference_id = ?",
                OrderStore::read, channelId, referenceId);
    }

    /** The conversation's orders, oldest first. */
    public List<StoredOrder> ofConversation(Connection c, String conversationId) throws SQLException {
        return Jdbc.query(c, "SELECT " + COLUMNS + " FROM orders WHERE conversation_id = ? ORDER BY created_at, "
                + "reference_id", OrderStore::read, conversationId);
    }

    /** @return false when the channel already has an order with this reference */
    public boolean insert(Connection c, String conversationId, String referenceId, String channelId, String customer,
            long messageId, String currency, BigDecimal total, Instant now) throws SQLException {
        return Jdbc.update(c, "INSERT INTO orders (conversation_id, reference_id, channel_id, customer, message_id, "
                + "currency, total, order_status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?) "
                + "ON CONFLICT DO NOTHING", conversationId, referenceId, channelId, customer, messageId, currency,
                total, now, now) > 0;
    }

    public void updateOrderStatus(Connection c, String conversationId, String referenceId, String status,
            Instant now) throws SQLException {
        Jdbc.update(c, "UPDATE orders SET order_status = ?, updated_at = ? WHERE conversation_id = ? "
                + "AND reference_id = ?", status, now, conversationId, referenceId);
    }

    public void updatePayment(Connection c, String conversationId, String referenceId, String status, Instant at,
            Optional<String> transactionId, Optional<Money> paid, Instant now) throws SQLException {
        // The amount and its currency are kept together: a status without them leaves both as they were.
        Jdbc.update(c, "UPDATE orders SET payment_status = ?, payment_at = ?, transaction_id = COALESCE(?, "
                + "transaction_id), paid_amount = COALESCE(?, paid_amount), paid_currency = COALESCE(?, paid_currency), "
                + "updated_at = ? WHERE conversation_id = ? AND reference_id = ?", status, at,
                transactionId.orElse(null), paid.map(Money::amount).orElse(null),
                paid.map(m -> m.currency().getCurrencyCode()).orElse(null), now, conversationId, referenceId);
    }

    private static StoredOrder read(ResultSet rs) throws SQLException {
        return new StoredOrder(rs.getString("conversation_id"), rs.getString("reference_id"),
                rs.getString("channel_id"), rs.getString("customer"), rs.getLong("message_id"),
                rs.getString("currency"), rs.getBigDecimal("total"), rs.getString("order_status"),
                Jdbc.optString(rs, "payment_status"), Jdbc.optInstant(rs, "payment_at"),
                Jdbc.optString(rs, "transaction_id"), Optional.ofNullable(rs.getBigDecimal("paid_amount")),
                Jdbc.optString(rs, "paid_currency"),
                Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"));
    }
}
