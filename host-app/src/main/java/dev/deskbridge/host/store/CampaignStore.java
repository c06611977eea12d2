package dev.deskbridge.host.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Campaigns and their recipients, one row per line of the recipients' file. A recipient is
 * {@code PENDING} until its send is queued ({@code QUEUED}, with its message) or refused
 * ({@code REFUSED}, with the reason code). Every method works inside the caller's transaction.
 *
 * <p>A {@code RUNNING} campaign is sent by the host holding its lease ({@link #claim}), renewed while
 * it sends; once the lease runs out (the host died) any host may claim it.
 */
public final class CampaignStore {
    /** A campaign as stored. */
    public record Campaign(String id, String channelId, String crmId, String template, Optional<String> language,
            String ticketMode, int rate, int recipients, int skipped, String currency, BigDecimal quotedTotal,
            String status, Instant createdAt, Optional<Instant> startedAt, Optional<Instant> finishedAt,
            Optional<Instant> claimedUntil) {
        public Campaign {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(channelId, "channelId");
            Objects.requireNonNull(crmId, "crmId");
            Objects.requireNonNull(template, "template");
            Objects.requireNonNull(language, "language");
            Objects.requireNonNull(ticketMode, "ticketMode");
            Objects.requireNonNull(currency, "currency");
            Objects.requireNonNull(quotedTotal, "quotedTotal");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(startedAt, "startedAt");
            Objects.requireNonNull(finishedAt, "finishedAt");
            Objects.requireNonNull(claimedUntil, "claimedUntil");
        }

        /** Whether a host's lease on it is live at {@code now}: that host is sending it. */
        public boolean leasedAt(Instant now) {
            return status.equals("RUNNING") && claimedUntil.isPresent() && claimedUntil.get().isAfter(now);
        }
    }

    /** A recipient waiting for its send. */
    public record Recipient(int line, String customer, String parameters) {
        public Recipient {
            Objects.requireNonNull(customer, "customer");
            Objects.requireNonNull(parameters, "parameters");
        }
    }

    public void create(Connection c, Campaign campaign) throws SQLException {
        Jdbc.update(c, "INSERT INTO campaigns (id, channel_id, crm_id, template, language, ticket_mode, rate, recipients, "
                + "skipped, currency, quoted_total, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                campaign.id(), campaign.channelId(), campaign.crmId(), campaign.template(), campaign.language(),
                campaign.ticketMode(), campaign.rate(), campaign.recipients(), campaign.skipped(), campaign.currency(),
                campaign.quotedTotal(), campaign.status(), campaign.createdAt());
    }

    /** Adds recipients in batches (a campaign may have a hundred thousand). */
    public void addRecipients(Connection c, String campaignId, List<Recipient> recipients) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO campaign_recipients (campaign_id, line, customer, "
                + "parameters, status) VALUES (?, ?, ?, ?, 'PENDING')")) {
            int n = 0;
            for (Recipient r : recipients) {
                ps.setString(1, campaignId);
                ps.setInt(2, r.line());
                ps.setString(3, r.customer());
                ps.setString(4, r.parameters());
                ps.addBatch();
                if (++n % 1000 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }

    public Optional<Campaign> find(Connection c, String id) throws SQLException {
        return Jdbc.queryOne(c, "SELECT * FROM campaigns WHERE id = ?", CampaignStore::map, id);
    }

    /**
     * Moves a campaign from one status to another; false when it was not in {@code from}. One that is no
     * longer running is no host's to send: its lease ends.
     */
    public boolean move(Connection c, String id, String from, String to, Instant at) throws SQLException {
        String stamp = to.equals("RUNNING") ? ", started_at = COALESCE(started_at, ?)"
                : ", finished_at = ?, claimed_until = NULL";
        return Jdbc.update(c, "UPDATE campaigns SET status = ?" + stamp + " WHERE id = ? AND status = ?", to, at, id,
                from) > 0;
    }

    /** Running campaigns no host's lease holds (never claimed, let go of, or run out), oldest first. */
    public List<String> unleased(Connection c, Instant now) throws SQLException {
        return Jdbc.query(c, "SELECT id FROM campaigns WHERE status = 'RUNNING' AND (claimed_until IS NULL "
                + "OR claimed_until < ?) ORDER BY created_at", rs -> rs.getString("id"), now);
    }

    /**
     * Leases a running campaign to {@code owner} until {@code now + lease}, unless another owner's lease on
     * it is live. One conditional update: of two hosts claiming at once, the second finds the first's
     * lease (PostgreSQL and H2 check the condition again on the row the first committed).
     *
     * @return whether {@code owner} holds it now
     */
    public boolean claim(Connection c, String id, String owner, Instant now, Duration lease) throws SQLException {
        return Jdbc.update(c, "UPDATE campaigns SET claimed_by = ?, claimed_until = ? WHERE id = ? AND status = "
                + "'RUNNING' AND (claimed_until IS NULL OR claimed_until < ? OR claimed_by = ?)", owner,
                now.plus(lease), id, now, owner) > 0;
    }

    /**
     * Extends {@code owner}'s lease to {@code now + lease}; false when the campaign is not {@code owner}'s
     * any more (another host claimed it after this lease ran out) or no longer running.
     */
    public boolean renew(Connection c, String id, String owner, Instant now, Duration lease) throws SQLException {
        return Jdbc.update(c, "UPDATE campaigns SET claimed_until = ? WHERE id = ? AND status = 'RUNNING' "
                + "AND claimed_by = ?", now.plus(lease), id, owner) > 0;
    }

    /** Lets go of {@code owner}'s lease (the host stops), so that another host takes the campaign at once. */
    public void release(Connection c, String id, String owner) throws SQLException {
        Jdbc.update(c, "UPDATE campaigns SET claimed_until = NULL WHERE id = ? AND claimed_by = ?", id, owner);
    }

    /** The next recipients waiting, in the file's order. */
    public List<Recipient> pending(Connection c, String campaignId, int limit) throws SQLException {
        return Jdbc.query(c, "SELECT line, customer, parameters FROM campaign_recipients WHERE campaign_id = ? "
                + "AND status = 'PENDING' ORDER BY line LIMIT " + limit,
                rs -> new Recipient(rs.getInt("line"), rs.getString("customer"), rs.getString("parameters")),
                campaignId);
    }

    /** The recipient's send is queued: recorded with the send, in its transaction. */
    public void queued(Connection c, String campaignId, int line, long messageId) throws SQLException {
        Jdbc.update(c, "UPDATE campaign_recipients SET status = 'QUEUED', message_id = ? WHERE campaign_id = ? "
                + "AND line = ?", messageId, campaignId, line);
    }

    /** The recipient's send was queued by an earlier attempt: its message, found by the send's identity. */
    public void queuedEarlier(Connection c, String campaignId, int line, String sourceId, String eventId)
            throws SQLException {
        Jdbc.update(c, "UPDATE campaign_recipients SET status = 'QUEUED', message_id = (SELECT m.id FROM messages m "
                + "JOIN outbox_keys k ON m.outbox_id = k.item_id WHERE k.source_id = ? AND k.event_id = ?) "
                + "WHERE campaign_id = ? AND line = ?", sourceId, eventId, campaignId, line);
    }

    public void refused(Connection c, String campaignId, int line, String reason, String error) throws SQLException {
        Jdbc.update(c, "UPDATE campaign_recipients SET status = 'REFUSED', reason = ?, error = ? WHERE campaign_id = ? "
                + "AND line = ?", reason, Jdbc.clip(error, 1024), campaignId, line);
    }

    /** Refused recipients by reason code. */
    public Map<String, Long> refusedByReason(Connection c, String campaignId) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        Jdbc.query(c, "SELECT reason, COUNT(*) AS n FROM campaign_recipients WHERE campaign_id = ? AND status = "
                + "'REFUSED' GROUP BY reason ORDER BY reason", rs -> out.put(rs.getString("reason"), rs.getLong("n")),
                campaignId);
        return out;
    }

    /**
     * Where the campaign stands, in one pass over its rows (a report is asked for every few seconds
     * while a campaign of a hundred thousand is sent): recipients by status ({@code PENDING},
     * {@code QUEUED}, {@code REFUSED}), their messages by delivery status ({@code ACCEPTED} is a
     * message the provider took that has no status report yet), failures by error, and the ledger's
     * quoted and settled totals (failed messages cost nothing).
     */
    public record Progress(Map<String, Long> recipients, Map<String, Long> messages, Map<String, Long> failures,
            BigDecimal quoted, BigDecimal settled) {
        public Progress {
            recipients = Map.copyOf(recipients);
            messages = Map.copyOf(messages);
            failures = Map.copyOf(failures);
            Objects.requireNonNull(quoted, "quoted");
            Objects.requireNonNull(settled, "settled");
        }
    }

    public Progress progress(Connection c, String campaignId) throws SQLException {
        Map<String, Long> recipients = new LinkedHashMap<>();
        Map<String, Long> messages = new LinkedHashMap<>();
        Map<String, Long> failures = new LinkedHashMap<>();
        BigDecimal[] cost = {BigDecimal.ZERO, BigDecimal.ZERO};
        String delivery = "CASE WHEN m.status = 'QUEUED' AND m.provider_message_id IS NOT NULL THEN 'ACCEPTED' "
                + "ELSE m.status END";
        String error = "CASE WHEN m.status = 'FAILED' THEN COALESCE(m.error, 'unknown') END";
        Jdbc.query(c, "SELECT r.status AS r, " + delivery + " AS s, " + error + " AS e, COUNT(*) AS n, "
                + "SUM(CASE WHEN l.status <> 'FAILED' THEN l.quoted_meta_fee + l.quoted_channel_fee ELSE 0 END) AS q, "
                + "SUM(CASE WHEN l.status = 'SETTLED' THEN COALESCE(l.settled_meta_fee, 0) + "
                + "COALESCE(l.settled_channel_fee, 0) ELSE 0 END) AS st FROM campaign_recipients r LEFT JOIN messages m "
                + "ON m.id = r.message_id LEFT JOIN cost_ledger l ON l.message_id = r.message_id WHERE r.campaign_id = ? "
                + "GROUP BY r.status, " + delivery + ", " + error, rs -> {
                    long n = rs.getLong("n");
                    recipients.merge(rs.getString("r"), n, Long::sum);
                    String s = rs.getString("s");
                    if (s != null) {
                        messages.merge(s, n, Long::sum);
                    }
                    String e = rs.getString("e");
                    if (e != null) {
                        failures.merge(Jdbc.clip(e, 200), n, Long::sum);
                    }
                    cost[0] = cost[0].add(zero(rs.getBigDecimal("q")));
                    cost[1] = cost[1].add(zero(rs.getBigDecimal("st")));
                    return null;
                }, campaignId);
        Map<String, Long> mostFirst = new LinkedHashMap<>();
        failures.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(f -> mostFirst.put(f.getKey(), f.getValue()));
        return new Progress(recipients, messages, mostFirst, cost[0], cost[1]);
    }

    private static BigDecimal zero(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }

    private static Campaign map(java.sql.ResultSet rs) throws SQLException {
        return new Campaign(rs.getString("id"), rs.getString("channel_id"), rs.getString("crm_id"),
                rs.getString("template"), Jdbc.optString(rs, "language"), rs.getString("ticket_mode"), rs.getInt("rate"),
                rs.getInt("recipients"), rs.getInt("skipped"), rs.getString("currency"), rs.getBigDecimal("quoted_total"),
                rs.getString("status"), Jdbc.instant(rs, "created_at"), Jdbc.optInstant(rs, "started_at"),
                Jdbc.optInstant(rs, "finished_at"), Jdbc.optInstant(rs, "claimed_until"));
    }
}
