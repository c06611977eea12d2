package dev.deskbridge.host.consent;

import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import dev.deskbridge.host.store.Database;
import dev.deskbridge.host.store.Jdbc;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who opted out of marketing templates on which channel, and where Meta's per-user marketing limit
 * (131049) was met. Opting out concerns marketing only: utility and authentication templates, and
 * every reply inside the window, still go. Methods taking a {@link Connection} work inside the
 * caller's transaction.
 */
public final class ConsentRegistry {
    /** The reason code of a marketing send to an opted-out customer. */
    public static final String OPTED_OUT = "opted_out";

    private final Database db;

    public ConsentRegistry(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /**
     * Whether a template of this category may go to the customer on the channel.
     *
     * @return empty when it may, else the sentence saying why not (reason code {@link #OPTED_OUT})
     */
    public Optional<String> refusal(Connection c, String channelId, PhoneNumber customer, TemplateCategory category)
            throws SQLException {
        if (category != TemplateCategory.MARKETING) {
            return Optional.empty();
        }
        return find(c, channelId, customer).map(o -> "the customer opted out of marketing messages on channel '"
                + channelId + "' at " + o.optedOutAt() + o.keyword().map(k -> " (wrote " + k + ")").orElse(""));
    }

    public Optional<OptOut> find(Connection c, String channelId, PhoneNumber customer) throws SQLException {
        return Jdbc.queryOne(c, "SELECT * FROM opt_outs WHERE channel_id = ? AND customer = ?",
                ConsentRegistry::map, channelId, customer.e164());
    }

    /**
     * Records an opt-out; a customer already opted out keeps the first record.
     *
     * @return whether it is new
     */
    public boolean optOut(Connection c, String channelId, PhoneNumber customer, String source,
            Optional<String> keyword, Instant at) throws SQLException {
        return Jdbc.update(c, "INSERT INTO opt_outs (channel_id, customer, opted_out_at, source, keyword) "
                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", channelId, customer.e164(), at, source,
                keyword.map(k -> Jdbc.clip(k, 64))) == 1;
    }

    public boolean optOut(String channelId, PhoneNumber customer, String source, Optional<String> keyword, Instant at) {
        return db.inTransaction(c -> optOut(c, channelId, customer, source, keyword, at));
    }

    /**
     * Marks the customer told of the opt-out.
     *
     * @return true only the first time: the confirmation is sent once
     */
    public boolean markTold(Connection c, String channelId, PhoneNumber customer, Instant at) throws SQLException {
        return Jdbc.update(c, "UPDATE opt_outs SET told_at = ? WHERE channel_id = ? AND customer = ? AND told_at IS NULL",
                at, channelId, customer.e164()) == 1;
    }

    /** Takes the customer back (an operator's decision); returns whether there was an opt-out. */
    public boolean remove(String channelId, PhoneNumber customer) {
        return db.inTransaction(c -> Jdbc.update(c, "DELETE FROM opt_outs WHERE channel_id = ? AND customer = ?",
                channelId, customer.e164()) == 1);
    }

    public List<OptOut> list(Optional<String> channelId) {
        return db.inTransaction(c -> channelId.isPresent()
                ? Jdbc.query(c, "SELECT * FROM opt_outs WHERE channel_id = ? ORDER BY opted_out_at, customer",
                        ConsentRegistry::map, channelId.get())
                : Jdbc.query(c, "SELECT * FROM opt_outs ORDER BY channel_id, opted_out_at, customer",
                        ConsentRegistry::map));
    }

    /** Records that Meta refused a marketing template under its per-user limit (131049); once per message. */
    public boolean recordMarketingLimit(Connection c, String channelId, PhoneNumber customer, String providerMessageId,
            Instant at) throws SQLException {
        return Jdbc.update(c, "INSERT INTO marketing_limits (channel_id, customer, provider_message_id, limited_at) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", channelId, customer.e164(),
                Jdbc.clip(providerMessageId, 256), at) == 1;
    }

    /** How often the customer met Meta's marketing limit on the channel since {@code since}. */
    public long marketingLimitsSince(Connection c, String channelId, PhoneNumber customer, Instant since)
            throws SQLException {
        return Jdbc.count(c, "SELECT COUNT(*) FROM marketing_limits WHERE channel_id = ? AND customer = ? "
                + "AND limited_at >= ?", channelId, customer.e164(), since);
    }

    private static OptOut map(ResultSet rs) throws SQLException {
        return new OptOut(rs.getString("channel_id"), PhoneNumber.of(rs.getString("customer")),
                Jdbc.instant(rs, "opted_out_at"), rs.getString("source"), Jdbc.optString(rs, "keyword"),
                Jdbc.optInstant(rs, "told_at"));
    }
}
