package dev.deskbridge.host.admin.responsiveness;

import dev.deskbridge.host.store.Database;
import dev.deskbridge.host.store.Jdbc;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the timelines of the conversations with a customer message (or a re-engagement template)
 * in a period, from the message table: customer messages by when they were written, agents'
 * answers by when they were decided (a held reply by when it was held), templates with their
 * cost from the ledger. Automatic answers and messages that failed are left out.
 */
public final class TimelineStore implements TimelineSource {
    private static final String SQL = "SELECT m.conversation_id, c.channel_id, c.crm_id, c.business, "
            + "c.first_customer_message_at, m.direction, m.purpose, m.author, m.sent_at, m.created_at, h.held_at, "
            + "l.currency, COALESCE(l.settled_meta_fee, l.quoted_meta_fee) "
            + "+ COALESCE(l.settled_channel_fee, l.quoted_channel_fee) AS cost "
            + "FROM messages m JOIN conversations c ON c.id = m.conversation_id "
            + "LEFT JOIN held_replies h ON m.purpose = 'HELD_REPLY' AND h.source_event = m.crm_event_id "
            + "LEFT JOIN cost_ledger l ON m.purpose = 'REENGAGE' AND l.message_id = m.id "
            + "WHERE m.conversation_id IN (SELECT conversation_id FROM messages WHERE direction = 'IN' "
            + "AND sent_at >= ? AND sent_at < ? UNION SELECT conversation_id FROM messages WHERE purpose = 'REENGAGE' "
            + "AND created_at >= ? AND created_at < ?) "
            + "AND ((m.direction = 'IN' AND m.sent_at >= ?) OR (m.direction = 'OUT' AND m.created_at >= ? "
            + "AND m.purpose IN ('REPLY', 'HELD_REPLY', 'REENGAGE') AND m.status <> 'FAILED')) "
            + "ORDER BY m.conversation_id, m.id";

    private final Database db;

    public TimelineStore(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    private record Row(String conversation, String channel, String crm, String business, Instant first,
            TimelineEvent event) {}

    @Override
    public List<Timeline> timelines(Instant from, Instant to) {
        List<Row> rows = db.inTransaction(c -> Jdbc.query(c, SQL, rs -> {
            String direction = rs.getString("direction");
            String purpose = rs.getString("purpose");
            TimelineEvent event;
            if ("IN".equals(direction)) {
                event = TimelineEvent.customer(Jdbc.instant(rs, "sent_at"));
            } else if ("REENGAGE".equals(purpose)) {
                BigDecimal cost = rs.getBigDecimal("cost");
                event = new TimelineEvent(TimelineEvent.Kind.TEMPLATE, Jdbc.instant(rs, "created_at"),
                        Optional.ofNullable(rs.getString("author")), Optional.ofNullable(cost),
                        Optional.ofNullable(rs.getString("currency")));
            } else {
                Instant at = Optional.ofNullable(Jdbc.instant(rs, "held_at")).orElse(Jdbc.instant(rs, "created_at"));
                event = TimelineEvent.answer(at, rs.getString("author"));
            }
            return new Row(rs.getString("conversation_id"), rs.getString("channel_id"), rs.getString("crm_id"),
                    rs.getString("business"), Jdbc.instant(rs, "first_customer_message_at"), event);
        }, from, to, from, to, from, from));
        Map<String, List<Row>> byConversation = new LinkedHashMap<>();
        rows.forEach(r -> byConversation.computeIfAbsent(r.conversation(), k -> new ArrayList<>()).add(r));
        List<Timeline> out = new ArrayList<>();
        byConversation.values().forEach(list -> {
            Row r = list.get(0);
            out.add(new Timeline(r.channel(), r.channel() + " → " + r.crm(), r.business(), Optional.ofNullable(r.first()),
                    list.stream().map(Row::event).toList()));
        });
        return out;
    }
}
