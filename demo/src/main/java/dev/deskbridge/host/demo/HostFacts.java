package dev.deskbridge.host.demo;

import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.host.runtime.BridgeHost;
import dev.deskbridge.host.store.Conversation;
import dev.deskbridge.host.store.ConversationStore;
import dev.deskbridge.host.store.Jdbc;
import dev.deskbridge.host.store.LedgerEntry;
import dev.deskbridge.host.store.LedgerStore;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the running host has stored, read straight from its database: the script's evidence that
 * the engine did its work (it never trusts its own expectations), and the narration's source.
 */
final class HostFacts {
    private final BridgeHost host;
    private final PhoneNumber business;
    private final ConversationStore conversations = new ConversationStore();
    private final LedgerStore ledger = new LedgerStore();

    /** The sums of the cost ledger, each over all its rows. */
    record LedgerSums(long rows, long failed, BigDecimal quoted, BigDecimal settled, BigDecimal cost) {
        LedgerSums {
            Objects.requireNonNull(quoted, "quoted");
            Objects.requireNonNull(settled, "settled");
            Objects.requireNonNull(cost, "cost");
        }
    }

    HostFacts(BridgeHost host, PhoneNumber business) {
        this.host = Objects.requireNonNull(host, "host");
        this.business = Objects.requireNonNull(business, "business");
    }

    Optional<Conversation> conversation(PhoneNumber customer) {
        return host.database().inTransaction(c -> conversations.findByParties(c, business, customer, false));
    }

    /** The ledger row of a sent message, by the provider's id. */
    Optional<LedgerEntry> ledger(String providerMessageId) {
        return host.database().inTransaction(c -> Jdbc.queryOne(c,
                "SELECT message_id FROM cost_ledger WHERE provider_message_id = ?", rs -> rs.getLong(1),
                providerMessageId).flatMap(id -> {
                    try {
                        return ledger.findByMessage(c, id);
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }));
    }

    /** Every ledger row of a UTC month ({@code 2026-11}), oldest first. */
    List<LedgerEntry> ledgerRows(String month) {
        return host.database().inTransaction(c -> {
            List<Long> ids = Jdbc.query(c, "SELECT message_id FROM cost_ledger WHERE usage_month = ? ORDER BY id",
                    rs -> rs.getLong(1), month);
            List<LedgerEntry> rows = new java.util.ArrayList<>();
            for (long id : ids) {
                ledger.findByMessage(c, id).ifPresent(rows::add);
            }
            return rows;
        });
    }

    /** Replies of the customer's conversation held for the customer's answer. */
    long heldReplies(PhoneNumber customer) {
        return host.database().inTransaction(c -> Jdbc.count(c, "SELECT COUNT(*) FROM held_replies h JOIN "
                + "conversations v ON v.id = h.conversation_id WHERE v.business = ? AND v.customer = ? "
                + "AND h.status = 'HELD'", business.e164(), customer.e164()));
    }

    /** Reasons of the dead letters not replayed: there should be none. */
    List<String> deadLetters() {
        return host.database().inTransaction(c -> Jdbc.query(c,
                "SELECT reason FROM dead_letters WHERE replayed_at IS NULL ORDER BY id", rs -> rs.getString(1)));
    }

    /** The queued items not done yet, with their attempts and last error: what to look at when a step hangs. */
    List<String> pendingWork() {
        return host.database().inTransaction(c -> {
            List<String> out = new java.util.ArrayList<>();
            for (String queue : List.of("inbox", "outbox")) {
                out.addAll(Jdbc.query(c, "SELECT event_type, attempts, last_error FROM " + queue
                        + " WHERE status = 'PENDING' ORDER BY id", rs -> queue + " " + rs.getString(1) + " (attempts "
                        + rs.getInt(2) + (rs.getString(3) == null ? "" : ", last error: " + rs.getString(3)) + ")"));
            }
            return out;
        });
    }

    /** Whether both queues are empty and no worker is busy. */
    boolean idle() {
        long pending = host.database().inTransaction(c -> Jdbc.count(c, "SELECT COUNT(*) FROM inbox WHERE status = 'PENDING'")
                + Jdbc.count(c, "SELECT COUNT(*) FROM outbox WHERE status = 'PENDING'"));
        return pending == 0 && host.engine().inFlight() == 0;
    }

    /**
     * The ledger summed in SQL: quoted is what was quoted; settled counts settled and failed rows
     * (a failed row is settled at zero); cost is settled where settled, else quoted.
     */
    LedgerSums ledgerSums(String month) {
        return host.database().inTransaction(c -> Jdbc.queryOne(c, "SELECT COUNT(*), "
                + "SUM(CASE WHEN status = 'FAILED' THEN 1 ELSE 0 END), "
                + "COALESCE(SUM(quoted_meta_fee + quoted_channel_fee), 0), "
                + "COALESCE(SUM(CASE WHEN status = 'QUOTED' THEN 0 ELSE COALESCE(settled_meta_fee, 0) "
                + "+ COALESCE(settled_channel_fee, 0) END), 0), "
                + "COALESCE(SUM(CASE WHEN status = 'QUOTED' THEN quoted_meta_fee + quoted_channel_fee "
                + "ELSE COALESCE(settled_meta_fee, 0) + COALESCE(settled_channel_fee, 0) END), 0) "
                + "FROM cost_ledger WHERE usage_month = ?",
                rs -> new LedgerSums(rs.getLong(1), rs.getLong(2), rs.getBigDecimal(3), rs.getBigDecimal(4),
                        rs.getBigDecimal(5)), month).orElseThrow());
    }
}
