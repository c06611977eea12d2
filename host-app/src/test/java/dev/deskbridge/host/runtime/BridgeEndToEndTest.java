package dev.deskbridge.host.runtime;

import static dev.deskbridge.host.testing.HostFixture.BUSINESS;
import static dev.deskbridge.host.testing.HostFixture.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.model.SendRequest;
import dev.deskbridge.host.store.Jdbc;
import dev.deskbridge.host.store.LedgerEntry;
import dev.deskbridge.host.store.LedgerStore;
import dev.deskbridge.host.testing.HostFixture;
import dev.deskbridge.host.testing.HostTest;
import dev.deskbridge.host.testing.HttpJsonCrm;
import dev.deskbridge.host.testing.TestChannel;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A support day through the real host: HTTP server, H2 store, engine, a CRM connector over HTTP
 * against a WireMock CRM, the test channel, and the golden rate card (September 2026, so the
 * PMP-2025-07 schedule applies: service replies inside the window are free).
 */
class BridgeEndToEndTest extends HostTest {
    @Test
    void customerToTicketRepliesHeldRepliesAndSettlement() {
        Instant t0 = HostFixture.START;
        // 1. The customer writes: a ticket appears and shows the open window.
        assertThat(f.postChannel(TestChannel.messageWebhook("e1", "wamid.in-1", BUSINESS, CUSTOMER, "Hi there", t0))
                .statusCode()).isEqualTo(200);
        f.await("ticket created", () -> f.crmCalls("/api/messages").size() == 1 && ticket() != null);
        String ticket = ticket();
        assertThat(ticket).startsWith("T-");
        assertThat(f.crmCalls("/api/messages").get(0).getBodyAsString()).contains("Hi there").contains("\"OPEN\"");
        f.await("window shown", () -> f.crmCalls("/api/tickets/" + ticket + "/status").size() == 1);

        // 2. The agent answers inside the window: a free-form message, free.
        f.clock.set(t0.plus(Duration.ofHours(1)));
        assertThat(f.postCrm(HttpJsonCrm.replyWebhook("r1", ticket, "Hello Ann, how can I help?", f.clock.instant()))
                .statusCode()).isEqualTo(200);
        f.await("reply sent", () -> f.channel.sent().size() == 1);
        SendRequest first = f.channel.sent().get(0);
        assertThat(first.message()).isEqualTo(new OutboundMessage.Text("Hello Ann, how can I help?", true));
        assertThat(first.to().e164()).isEqualTo(CUSTOMER);
        f.await("provider id stored", () -> ledger("out-1") != null);
        LedgerEntry free = ledger("out-1");
        assertThat(free.billable()).isFalse();
        assertThat(free.quotedTotal()).isEqualByComparingTo("0");
        assertThat(free.category()).contains("service");
        assertThat(first.idempotencyKey()).isEqualTo(String.valueOf(
                f.count("SELECT id FROM outbox WHERE provider_message_id = 'out-1'")));

        // 3. Delivered, with Meta's pricing: settled at zero, and the CRM sees it.
        f.postChannel(TestChannel.statusWebhook("s1", "out-1", CUSTOMER, "delivered", f.clock.instant(), false,
                "service", "free_customer_service"));
        f.await("delivery recorded", () -> f.crmCalls("/api/tickets/" + ticket + "/deliveries").size() == 1);
        assertThat(ledger("out-1").status()).isEqualTo("SETTLED");
        assertThat(ledger("out-1").settledTotal()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0"));

        // 4. 25 hours later the window is closed: the reply is held and the template goes out, quoted.
        f.clock.set(t0.plus(Duration.ofHours(26)));
        f.postCrm(HttpJsonCrm.replyWebhook("r2", ticket, "Are you still there?", f.clock.instant()));
        f.await("template sent", () -> f.channel.sent().size() == 2);
        OutboundMessage.Template template = (OutboundMessage.Template) f.channel.sent().get(1).message();
        assertThat(template.name()).isEqualTo("reengage_v1");
        f.await("template ledgered", () -> ledger("out-2") != null);
        LedgerEntry quoted = ledger("out-2");
        assertThat(quoted.billable()).isTrue();
        assertThat(quoted.category()).contains("utility");
        assertThat(quoted.market()).contains("NORTH_AMERICA");
        assertThat(quoted.quotedMetaFee()).isEqualByComparingTo("0.0040");
        f.await("agents told", () -> f.notes("REPLY_HELD").size() == 1 && f.notes("TEMPLATE_SENT").size() == 1);
        assertThat(f.notes("TEMPLATE_SENT").get(0).getBodyAsString()).contains("\"quote\":\"0.004")
                .contains("'reengage_v1' was sent (utility); quoted 0.0040 USD.");
        assertThat(f.count("SELECT COUNT(*) FROM held_replies WHERE status = 'HELD'")).isEqualTo(1);

        // 5. The template is delivered and billed by Meta: settled at the quoted price.
        f.postChannel(TestChannel.statusWebhook("s2", "out-2", CUSTOMER, "delivered", f.clock.instant(), true,
                "utility", "regular"));
        f.await("template settled", () -> "SETTLED".equals(ledger("out-2").status()));
        assertThat(ledger("out-2").settledMetaFee()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo(
                "0.0040"));

        // 6. The customer answers: the held reply goes out free.
        f.clock.set(t0.plus(Duration.ofHours(26)).plus(Duration.ofMinutes(5)));
        f.postChannel(TestChannel.messageWebhook("e2", "wamid.in-2", BUSINESS, CUSTOMER, "Yes!", f.clock.instant()));
        f.await("held reply sent", () -> f.channel.sent().size() == 3);
        assertThat(f.channel.sent().get(2).message()).isEqualTo(new OutboundMessage.Text("Are you still there?", true));
        f.await("held reply ledgered", () -> ledger("out-3") != null);
        assertThat(ledger("out-3").quotedTotal()).isEqualByComparingTo("0");
        f.await("agents told the held reply went", () -> f.notes("HELD_REPLY_SENT").size() == 1);
        assertThat(f.notes("HELD_REPLY_SENT").get(0).getBodyAsString()).contains("the held reply was sent; free.");
        assertThat(f.count("SELECT COUNT(*) FROM held_replies WHERE status = 'RELEASED'")).isEqualTo(1);
        assertThat(f.crmCalls("/api/messages")).hasSize(2);

        // 7. The held reply fails: it costs nothing, and agents are told.
        f.postChannel(TestChannel.statusWebhook("s3", "out-3", CUSTOMER, "failed", f.clock.instant(), false, null,
                null));
        f.await("failure noted", () -> f.notes("DELIVERY_FAILED").size() == 1);
        assertThat(ledger("out-3").status()).isEqualTo("FAILED");
        assertThat(ledger("out-3").settledTotal()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0"));
        assertThat(f.count("SELECT COUNT(*) FROM messages WHERE provider_message_id = 'out-3' AND status = 'FAILED'"))
                .isEqualTo(1);

        f.awaitIdle();
        List<String> history = f.sql(c -> Jdbc.query(c, "SELECT s.status FROM message_statuses s JOIN messages m "
                + "ON m.id = s.message_id WHERE m.provider_message_id = 'out-1'", rs -> rs.getString(1)));
        assertThat(history).containsExactly("DELIVERED");
        assertThat(f.count("SELECT COUNT(*) FROM dead_letters")).isZero();
        assertThat(f.count("SELECT COUNT(*) FROM cost_ledger")).isEqualTo(3);
        BigDecimal total = f.sql(c -> Jdbc.queryOne(c, "SELECT SUM(settled_meta_fee + settled_channel_fee) FROM "
                + "cost_ledger", rs -> rs.getBigDecimal(1)).orElseThrow());
        assertThat(total).isEqualByComparingTo("0.0040");
    }

    private String ticket() {
        return f.sql(c -> Jdbc.queryOne(c, "SELECT ticket_id FROM conversations", rs -> rs.getString(1)))
                .orElse(null);
    }

    private LedgerEntry ledger(String providerMessageId) {
        return f.sql(c -> Jdbc.queryOne(c, "SELECT message_id FROM cost_ledger WHERE provider_message_id = ?",
                rs -> rs.getLong(1), providerMessageId).flatMap(id -> {
                    try {
                        return new LedgerStore().findByMessage(c, id);
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                })).orElse(null);
    }
}
