package dev.deskbridge.host.store;

import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.model.ProviderPricing;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.PricingCategory;
import dev.deskbridge.connector.api.pricing.PricingType;
import dev.deskbridge.connector.api.pricing.Quote;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Writes the cost ledger: one row per billed-or-quoted message. Works inside the caller's transaction. */
public final class LedgerStore {

    /** The UTC month an instant counts in ({@code 2026-10}). */
    public static String month(Instant at) {
        return YearMonth.from(at.atZone(ZoneOffset.UTC)).toString();
    }

    /** Records a quote; returns the row id. */
    public long quote(Connection c, NewLedgerEntry e) throws SQLException {
        return insert(c, e, false);
    }

    /**
     * Records a message that is billed as it stands, settled at once at its quote: a channel's fee
     * on a received message, which no delivery status will ever settle. A price the provider
     * reports later settles it again ({@link #settle}).
     */
    public long settled(Connection c, NewLedgerEntry e) throws SQLException {
        return insert(c, e, true);
    }

    private long insert(Connection c, NewLedgerEntry e, boolean settled) throws SQLException {
        Quote q = e.quote();
        long id = Jdbc.insert(c, "INSERT INTO cost_ledger (message_id, conversation_id, direction, channel_id, crm_id, "
                + "business, customer, usage_month, market, category, pricing_type, schedule, billable, currency, "
                + "quoted_meta_fee, quoted_channel_fee, settled_meta_fee, settled_channel_fee, status, quoted_at, "
                + "settled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                e.messageId(), e.conversationId().value(), e.direction(), e.channelId(), e.crmId(),
                e.business().e164(), e.customer().e164(), month(e.at()), q.market(),
                q.category().map(PricingCategory::wireName), q.type().map(PricingType::wireName), q.schedule(),
                q.billable(), q.price().currency().getCurrencyCode(), q.price().amount(), e.channelFee().amount(),
                settled ? q.price().amount() : null, settled ? e.channelFee().amount() : null,
                settled ? "SETTLED" : "QUOTED", e.at(), settled ? e.at() : null);
        count(c, Optional.empty(), findByMessage(c, e.messageId()));
        return id;
    }

    /**
     * Quotes a second copy of a message as its first was quoted (same month, market, category and
     * fees): the provider bills each copy it took.
     */
    public void quoteAgain(Connection c, LedgerEntry first, long copyMessageId, String providerMessageId, Instant at)
            throws SQLException {
        Jdbc.update(c, "INSERT INTO cost_ledger (message_id, conversation_id, direction, channel_id, crm_id, business, "
                + "customer, usage_month, market, category, pricing_type, schedule, billable, currency, quoted_meta_fee, "
                + "quoted_channel_fee, status, quoted_at, provider_message_id) SELECT ?, conversation_id, direction, "
                + "channel_id, crm_id, business, customer, usage_month, market, category, pricing_type, schedule, "
                + "billable, currency, quoted_meta_fee, quoted_channel_fee, 'QUOTED', ?, ? FROM cost_ledger "
                + "WHERE message_id = ?", copyMessageId, at, providerMessageId, first.messageId());
        count(c, Optional.empty(), findByMessage(c, copyMessageId));
    }

    /** What an entry adds to one monthly counter. */
    private record Share(long n, BigDecimal amount) {
        static final Share NONE = new Share(0, BigDecimal.ZERO);

        Share minus(Share other) {
            return new Share(n - other.n, amount.subtract(other.amount));
        }
    }

    /** An entry's shares of the monthly counters, by counter. */
    private static java.util.Map<String, Share> shares(LedgerEntry e) {
        java.util.Map<String, Share> out = new java.util.HashMap<>();
        if (e.status().equals("FAILED")) {
            return out;
        }
        out.put(MonthlyCounters.spend(e.channelId(), e.crmId(), e.currency().getCurrencyCode()),
                new Share(0, e.settledTotal().orElse(e.quotedTotal())));
        if (e.direction().equals("OUT") && e.category().isPresent()) {
            if (e.providerBillable().orElse(e.billable())) {
                out.put(MonthlyCounters.billed(e.market().orElse(""), e.category().get()),
                        new Share(1, BigDecimal.ZERO));
            } else if (e.category().get().equals("service") && !e.billable()) {
                out.put(MonthlyCounters.freeService(e.business().e164()), new Share(1, BigDecimal.ZERO));
            }
        }
        return out;
    }

    /**
     * Moves the monthly counters from an entry's old share to its new one, touching only counters
     * that change: a counter row is shared by every message of its route or market, so an update
     * that changes nothing would only make concurrent transactions wait for each other.
     */
    private static void count(Connection c, Optional<LedgerEntry> before, Optional<LedgerEntry> after)
            throws SQLException {
        // Sorted, so concurrent transactions lock counter rows in the same order.
        java.util.Map<String, Share> delta = new java.util.TreeMap<>(after.map(LedgerStore::shares).orElse(Map.of()));
        before.map(LedgerStore::shares).orElse(Map.of()).forEach((counter, old) ->
                delta.put(counter, delta.getOrDefault(counter, Share.NONE).minus(old)));
        String month = after.or(() -> before).map(LedgerEntry::month).orElseThrow();
        for (var d : delta.entrySet()) {
            MonthlyCounters.add(c, month, d.getKey(), d.getValue().n(), d.getValue().amount());
        }
    }

    /**
     * Runs a change to an entry with its counters moved from the old values to the new ones.
     *
     * @return the entry after the change
     */
    private Optional<LedgerEntry> recount(Connection c, Optional<LedgerEntry> before, long messageId,
            Jdbc.TxConsumer change) throws SQLException {
        change.accept(c);
        Optional<LedgerEntry> after = findByMessage(c, messageId);
        count(c, before, after);
        return after;
    }

    /** The provider accepted the message: its id, and the channel's own fee if it reported one. */
    public void accepted(Connection c, long messageId, String providerMessageId, Optional<Money> channelFee)
            throws SQLException {
        Jdbc.TxConsumer change = tx -> Jdbc.update(tx, "UPDATE cost_ledger SET provider_message_id = ?, "
                + "quoted_channel_fee = COALESCE(?, quoted_channel_fee) WHERE message_id = ?", providerMessageId,
                channelFee.map(Money::amount).orElse(null), messageId);
        if (channelFee.isEmpty()) {
            // Only the provider's id changes, which no counter counts.
            change.accept(c);
            return;
        }
        recount(c, findByMessage(c, messageId), messageId, change);
    }

    /**
     * Settles a message's cost from the provider's data.
     *
     * @param entry the entry as read in this transaction
     * @return the entry settled
     */
    public LedgerEntry settle(Connection c, LedgerEntry entry, BigDecimal metaFee, BigDecimal channelFee,
            Optional<ProviderPricing> pricing, Instant now) throws SQLException {
        long messageId = entry.messageId();
        return recount(c, Optional.of(entry), messageId, tx -> Jdbc.update(tx, "UPDATE cost_ledger SET settled_meta_fee = ?, settled_channel_fee = ?, "
                + "provider_billable = COALESCE(?, provider_billable), provider_category = COALESCE(?, provider_category), "
                + "provider_type = COALESCE(?, provider_type), status = 'SETTLED', settled_at = ? "
                + "WHERE message_id = ? AND status <> 'FAILED'", metaFee, channelFee,
                pricing.map(ProviderPricing::billable).orElse(null), pricing.map(ProviderPricing::category).orElse(null),
                pricing.map(ProviderPricing::type).orElse(null), now, messageId)).orElseThrow();
    }

    /**
     * A failed message costs nothing.
     *
     * @return the entry failed, or empty when the message has none
     */
    public Optional<LedgerEntry> fail(Connection c, long messageId, Instant now) throws SQLException {
        return recount(c, findByMessage(c, messageId), messageId, tx -> Jdbc.update(tx, "UPDATE cost_ledger SET settled_meta_fee = 0, settled_channel_fee = 0, status = 'FAILED', "
                + "settled_at = ? WHERE message_id = ?", now, messageId));
    }

    /** A failed message that is to be sent again (its send replayed): quoted again, its counters back. */
    public void reopen(Connection c, long messageId) throws SQLException {
        Optional<LedgerEntry> failed = findByMessage(c, messageId).filter(e -> e.status().equals("FAILED"));
        if (failed.isPresent()) {
            recount(c, failed, messageId, tx -> Jdbc.update(tx, "UPDATE cost_ledger SET status = 'QUOTED', "
                    + "settled_meta_fee = NULL, settled_channel_fee = NULL, settled_at = NULL WHERE message_id = ?",
                    messageId));
        }
    }

    /**
     * A message refused before it was handed to the provider: its quote is removed with its counters,
     * so reports count it no more than a reply refused before it was quoted.
     *
     * @return the entry removed; empty when the message had none
     */
    public Optional<LedgerEntry> withdraw(Connection c, long messageId) throws SQLException {
        Optional<LedgerEntry> before = findByMessage(c, messageId);
        if (before.isPresent()) {
            Jdbc.update(c, "DELETE FROM cost_ledger WHERE message_id = ?", messageId);
            count(c, before, Optional.empty());
        }
        return before;
    }

    public Optional<LedgerEntry> findByMessage(Connection c, long messageId) throws SQLException {
        return Jdbc.queryOne(c, "SELECT * FROM cost_ledger WHERE message_id = ?", LedgerStore::map, messageId);
    }

    public List<LedgerEntry> ofConversation(Connection c, ConversationId conversation) throws SQLException {
        return Jdbc.query(c, "SELECT * FROM cost_ledger WHERE conversation_id = ? ORDER BY id", LedgerStore::map,
                conversation.value());
    }

    static LedgerEntry map(ResultSet rs) throws SQLException {
        return new LedgerEntry(rs.getLong("id"), rs.getLong("message_id"),
                ConversationId.of(rs.getString("conversation_id")), rs.getString("direction"),
                rs.getString("channel_id"), rs.getString("crm_id"), PhoneNumber.of(rs.getString("business")),
                PhoneNumber.of(rs.getString("customer")), Jdbc.optString(rs, "provider_message_id"),
                rs.getString("usage_month"), Jdbc.optString(rs, "market"), Jdbc.optString(rs, "category"),
                Jdbc.optString(rs, "pricing_type"), Jdbc.optString(rs, "schedule"), rs.getBoolean("billable"),
                Currency.getInstance(rs.getString("currency")), rs.getBigDecimal("quoted_meta_fee"),
                rs.getBigDecimal("quoted_channel_fee"), Optional.ofNullable(rs.getBigDecimal("settled_meta_fee")),
                Optional.ofNullable(rs.getBigDecimal("settled_channel_fee")), optBoolean(rs, "provider_billable"),
                Jdbc.optString(rs, "provider_category"), Jdbc.optString(rs, "provider_type"), rs.getString("status"),
                Jdbc.instant(rs, "quoted_at"), Jdbc.optInstant(rs, "settled_at"));
    }

    private static Optional<Boolean> optBoolean(ResultSet rs, String column) throws SQLException {
        boolean b = rs.getBoolean(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(b);
    }
}
