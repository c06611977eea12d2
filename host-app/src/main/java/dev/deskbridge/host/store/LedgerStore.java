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
import java.util.Optional;

/** Writes the cost ledger: one row per billed-or-quoted message. Works inside the caller's transaction. */
public final class LedgerStore {

    /** The UTC month an instant counts in ({@code 2026-10}). */
    public static String month(Instant at) {
        return YearMonth.from(at.atZone(ZoneOffset.UTC)).toString();
    }

    /** Records a quote; returns the row id. */
    public long quote(Connection c, NewLedgerEntry e) throws SQLException {
        Quote q = e.quote();
        long id = Jdbc.insert(c, "INSERT INTO cost_ledger (message_id, conversation_id, direction, channel_id, crm_id, "
                + "business, customer, usage_month, market, category, pricing_type, schedule, billable, currency, "
                + "quoted_meta_fee, quoted_channel_fee, status, quoted_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'QUOTED', ?)",
                e.messageId(), e.conversationId().value(), e.direction(), e.channelId(), e.crmId(),
                e.business().e164(), e.customer().e164(), month(e.at()), q.market(),
                q.category().map(PricingCategory::wireName), q.type().map(PricingType::wireName), q.schedule(),
                q.billable(), q.price().currency().getCurrencyCode(), q.price().amount(), e.channelFee().amount(),
                e.at());
        count(c, findByMessage(c, e.messageId()).orElseThrow(), 1);
        return id;
    }

    /**
     * Adds ({@code sign} 1) or takes away (-1) an entry's share of the monthly counters: its cost
     * (unless failed), a billed message of its market and category, a free service message of its
     * business number.
     */
    private static void count(Connection c, LedgerEntry e, int sign) throws SQLException {
        if (e.status().equals("FAILED")) {
            return;
        }
        BigDecimal cost = e.settledTotal().orElse(e.quotedTotal());
        MonthlyCounters.add(c, e.month(), MonthlyCounters.spend(e.channelId(), e.crmId(),
                e.currency().getCurrencyCode()), 0, sign > 0 ? cost : cost.negate());
        if (!e.direction().equals("OUT") || e.category().isEmpty()) {
            return;
        }
        if (e.providerBillable().orElse(e.billable())) {
            MonthlyCounters.add(c, e.month(), MonthlyCounters.billed(e.market().orElse(""), e.category().get()), sign,
                    BigDecimal.ZERO);
        } else if (e.category().get().equals("service") && !e.billable()) {
            MonthlyCounters.add(c, e.month(), MonthlyCounters.freeService(e.business().e164()), sign, BigDecimal.ZERO);
        }
    }

    /** Runs a change to an entry with its counters moved from the old values to the new ones. */
    private void recount(Connection c, long messageId, Jdbc.TxConsumer change) throws SQLException {
        Optional<LedgerEntry> before = findByMessage(c, messageId);
        if (before.isPresent()) {
            count(c, before.get(), -1);
        }
        change.accept(c);
        Optional<LedgerEntry> after = findByMessage(c, messageId);
        if (after.isPresent()) {
            count(c, after.get(), 1);
        }
    }

    /** The provider accepted the message: its id, and the channel's own fee if it reported one. */
    public void accepted(Connection c, long messageId, String providerMessageId, Optional<Money> channelFee)
            throws SQLException {
        recount(c, messageId, tx -> Jdbc.update(tx, "UPDATE cost_ledger SET provider_message_id = ?, quoted_channel_fee = COALESCE(?, "
                + "quoted_channel_fee) WHERE message_id = ?", providerMessageId,
                channelFee.map(Money::amount).orElse(null), messageId));
    }

    /** Settles a message's cost from the provider's data. */
    public void settle(Connection c, long messageId, BigDecimal metaFee, BigDecimal channelFee,
            Optional<ProviderPricing> pricing, Instant now) throws SQLException {
        recount(c, messageId, tx -> Jdbc.update(tx, "UPDATE cost_ledger SET settled_meta_fee = ?, settled_channel_fee = ?, "
                + "provider_billable = COALESCE(?, provider_billable), provider_category = COALESCE(?, provider_category), "
                + "provider_type = COALESCE(?, provider_type), status = 'SETTLED', settled_at = ? "
                + "WHERE message_id = ? AND status <> 'FAILED'", metaFee, channelFee,
                pricing.map(ProviderPricing::billable).orElse(null), pricing.map(ProviderPricing::category).orElse(null),
                pricing.map(ProviderPricing::type).orElse(null), now, messageId));
    }

    /** A failed message costs nothing. */
    public void fail(Connection c, long messageId, Instant now) throws SQLException {
        recount(c, messageId, tx -> Jdbc.update(tx, "UPDATE cost_ledger SET settled_meta_fee = 0, settled_channel_fee = 0, status = 'FAILED', "
                + "settled_at = ? WHERE message_id = ?", now, messageId));
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
