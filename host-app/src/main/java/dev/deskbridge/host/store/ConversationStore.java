package dev.deskbridge.host.store;

import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.model.TicketRef;
import dev.deskbridge.connector.api.pricing.WindowState;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Conversations and their window state. Every method works inside the caller's transaction. */
public final class ConversationStore {
    private static final String SELECT = "SELECT * FROM conversations ";

    /** Finds the conversation of (business, customer), creating it for the given route when absent. */
    public Conversation findOrCreate(Connection c, PhoneNumber business, PhoneNumber customer,
            Optional<String> customerName, String channelId, String crmId, Instant now) throws SQLException {
        Optional<Conversation> found = findByParties(c, business, customer, true);
        if (found.isPresent()) {
            return found.get();
        }
        // A concurrent host may create it first: the unique key decides, then we read the winner.
        String id = TimeOrderedIds.next();
        Optional<String> name = customerName.map(n -> Jdbc.clip(n, 256));
        if (Jdbc.update(c, "INSERT INTO conversations (id, business, customer, customer_name, channel_id, crm_id, "
                + "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                id, business.e164(), customer.e164(), name, channelId, crmId, now, now) == 0) {
            return findByParties(c, business, customer, true).orElseThrow();
        }
        // Ours, and locked by the insert until this transaction ends: what a read would return.
        return new Conversation(ConversationId.of(id), business, customer, name, channelId, crmId, Optional.empty(),
                WindowState.NONE, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Jdbc.stored(now));
    }

    public Optional<Conversation> findByParties(Connection c, PhoneNumber business, PhoneNumber customer,
            boolean forUpdate) throws SQLException {
        return Jdbc.queryOne(c, SELECT + "WHERE business = ? AND customer = ?" + (forUpdate ? " FOR UPDATE" : ""),
                ConversationStore::map, business.e164(), customer.e164());
    }

    public Optional<Conversation> findById(Connection c, ConversationId id, boolean forUpdate) throws SQLException {
        return Jdbc.queryOne(c, SELECT + "WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""), ConversationStore::map,
                id.value());
    }

    public Optional<Conversation> findByTicket(Connection c, String crmId, String ticketId) throws SQLException {
        List<Conversation> found = Jdbc.query(c, SELECT + "WHERE crm_id = ? AND ticket_id = ? ORDER BY updated_at DESC",
                ConversationStore::map, crmId, ticketId);
        return found.stream().findFirst();
    }

    /** The conversation of a stored message, by the provider's id of it (status updates name no business). */
    public Optional<ConversationKey> keyOfMessage(Connection c, String providerMessageId) throws SQLException {
        return Jdbc.queryOne(c, "SELECT c.business, c.customer FROM message_keys k JOIN messages m ON m.id = k.message_id "
                + "JOIN conversations c ON c.id = m.conversation_id WHERE k.provider_message_id = ?",
                rs -> new ConversationKey(PhoneNumber.of(rs.getString(1)), PhoneNumber.of(rs.getString(2))),
                providerMessageId);
    }

    /** The id of the conversation a queue partition belongs to, when it is a conversation's. */
    public Optional<ConversationId> idOfPartition(Connection c, String partition) throws SQLException {
        Optional<ConversationKey> key = ConversationKey.ofPartition(partition);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        return Jdbc.queryOne(c, "SELECT id FROM conversations WHERE business = ? AND customer = ?",
                rs -> ConversationId.of(rs.getString(1)), key.get().business().e164(), key.get().customer().e164());
    }

    /**
     * Stores the window after a customer message, when to warn before it closes, and when to show
     * the ticket that it closed (its end).
     *
     * @param conversation the conversation as read, locked, in this transaction
     * @return the conversation as now stored
     */
    public Conversation customerMessage(Connection c, Conversation conversation, WindowState window,
            Instant lastCustomerMessageAt, Optional<Instant> warnAt, Optional<String> customerName, Instant now)
            throws SQLException {
        Optional<String> name = customerName.map(n -> Jdbc.clip(n, 256));
        Jdbc.update(c, "UPDATE conversations SET first_customer_message_at = ?, service_window_ends_at = ?, "
                + "pending_entry_point_at = ?, free_entry_point_from = ?, free_entry_point_until = ?, "
                + "last_customer_message_at = ?, warn_at = ?, closed_status_at = ?, reengaged_at = NULL, "
                + "customer_name = COALESCE(?, customer_name), updated_at = ? WHERE id = ?",
                window.firstCustomerMessageAt(), window.serviceWindowEndsAt(), window.pendingEntryPointAt(),
                window.freeEntryPointFrom(), window.freeEntryPointUntil(), lastCustomerMessageAt, warnAt,
                window.serviceWindowEndsAt(), name.orElse(null), now, conversation.id().value());
        // What a read would now return, instants at the columns' precision.
        WindowState stored = new WindowState(window.firstCustomerMessageAt().map(Jdbc::stored),
                window.serviceWindowEndsAt().map(Jdbc::stored), window.pendingEntryPointAt().map(Jdbc::stored),
                window.freeEntryPointFrom().map(Jdbc::stored), window.freeEntryPointUntil().map(Jdbc::stored));
        return new Conversation(conversation.id(), conversation.business(), conversation.customer(),
                name.or(conversation::customerName), conversation.channelId(), conversation.crmId(),
                conversation.ticket(), stored, Optional.of(Jdbc.stored(lastCustomerMessageAt)),
                conversation.lastBusinessMessageAt(), warnAt.map(Jdbc::stored), Optional.empty(),
                conversation.createdAt());
    }

    /** Stores the window after a business message went out; an agent answer cancels the warning. */
    public void businessMessage(Connection c, ConversationId id, WindowState window, Instant at, boolean agentAnswer,
            Instant now) throws SQLException {
        Jdbc.update(c, "UPDATE conversations SET pending_entry_point_at = ?, free_entry_point_from = ?, "
                + "free_entry_point_until = ?, last_business_message_at = ?, "
                + (agentAnswer ? "warn_at = NULL, " : "") + "updated_at = ? WHERE id = ?",
                window.pendingEntryPointAt(), window.freeEntryPointFrom(), window.freeEntryPointUntil(), at, now,
                id.value());
    }

    /**
     * The provider said the customer service window is closed (it refused a free-form message as
     * outside it): the window ends at {@code at} if it was thought to end later, so later replies take
     * the route's policy instead of going out free-form to be refused again. No warning is due then;
     * the ticket's closed status is, at once.
     */
    public void closeServiceWindow(Connection c, ConversationId id, Instant at, Instant now) throws SQLException {
        Jdbc.update(c, "UPDATE conversations SET service_window_ends_at = ?, warn_at = NULL, closed_status_at = ?, "
                + "updated_at = ? WHERE id = ? AND service_window_ends_at > ?", at, at, now, id.value(), at);
    }

    /** An agent answered (the message is queued): no closing warning is needed any more. */
    public void agentAnswered(Connection c, ConversationId id, Instant now) throws SQLException {
        Jdbc.update(c, "UPDATE conversations SET warn_at = NULL, updated_at = ? WHERE id = ?", now, id.value());
    }

    public void setTicket(Connection c, ConversationId id, TicketRef ticket, Instant now) throws SQLException {
        Jdbc.update(c, "UPDATE conversations SET ticket_id = ?, ticket_url = ?, ticket_crm_data = ?, updated_at = ? "
                + "WHERE id = ?", ticket.id(), ticket.webUrl(), ticket.crmData(), now, id.value());
    }

    public void setReengaged(Connection c, ConversationId id, Optional<Instant> at, Instant now) throws SQLException {
        Jdbc.update(c, "UPDATE conversations SET reengaged_at = ?, updated_at = ? WHERE id = ?", at, now, id.value());
    }

    /** Conversations whose closing warning is due, locked so only one host warns. */
    public List<Conversation> dueWarnings(Connection c, Instant now, int max) throws SQLException {
        return Jdbc.query(c, SELECT + "WHERE warn_at <= ? ORDER BY warn_at LIMIT ? FOR UPDATE SKIP LOCKED",
                ConversationStore::map, now, max);
    }

    public void clearWarning(Connection c, ConversationId id) throws SQLException {
        Jdbc.update(c, "UPDATE conversations SET warn_at = NULL WHERE id = ?", id.value());
    }

    /**
     * Conversations whose window has ended and whose ticket is still to be shown that, locked so only
     * one host queues it.
     */
    public List<Conversation> dueClosedStatuses(Connection c, Instant now, int max) throws SQLException {
        return Jdbc.query(c, SELECT + "WHERE closed_status_at <= ? ORDER BY closed_status_at LIMIT ? "
                + "FOR UPDATE SKIP LOCKED", ConversationStore::map, now, max);
    }

    public void clearClosedStatus(Connection c, ConversationId id) throws SQLException {
        Jdbc.update(c, "UPDATE conversations SET closed_status_at = NULL WHERE id = ?", id.value());
    }

    /** How many conversations are stored. */
    public long count(Connection c) throws SQLException {
        return Jdbc.count(c, "SELECT COUNT(*) FROM conversations");
    }

    static Conversation map(ResultSet rs) throws SQLException {
        String ticketId = rs.getString("ticket_id");
        Optional<TicketRef> ticket = ticketId == null ? Optional.empty()
                : Optional.of(new TicketRef(ticketId, Jdbc.optString(rs, "ticket_url"),
                        Jdbc.optString(rs, "ticket_crm_data")));
        WindowState window = new WindowState(Jdbc.optInstant(rs, "first_customer_message_at"),
                Jdbc.optInstant(rs, "service_window_ends_at"), Jdbc.optInstant(rs, "pending_entry_point_at"),
                Jdbc.optInstant(rs, "free_entry_point_from"), Jdbc.optInstant(rs, "free_entry_point_until"));
        return new Conversation(ConversationId.of(rs.getString("id")), PhoneNumber.of(rs.getString("business")),
                PhoneNumber.of(rs.getString("customer")), Jdbc.optString(rs, "customer_name"),
                rs.getString("channel_id"), rs.getString("crm_id"), ticket, window,
                Jdbc.optInstant(rs, "last_customer_message_at"), Jdbc.optInstant(rs, "last_business_message_at"),
                Jdbc.optInstant(rs, "warn_at"), Jdbc.optInstant(rs, "reengaged_at"), Jdbc.instant(rs, "created_at"));
    }
}
