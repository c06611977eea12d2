package dev.deskbridge.host.runtime;

import static dev.deskbridge.host.testing.HostFixture.BUSINESS;
import static dev.deskbridge.host.testing.HostFixture.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.host.testing.Hmac;
import dev.deskbridge.host.testing.HostFixture;
import dev.deskbridge.host.testing.HostTest;
import dev.deskbridge.host.testing.HttpJsonCrm;
import dev.deskbridge.host.testing.TestChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Repeated webhooks are acknowledged and dropped at the inbox; unauthentic ones are refused and nothing is kept. */
class DuplicateAndSignatureTest extends HostTest {
    @Test
    void theSameWebhooksThreeTimesGiveOneMessageOneCrmCallOneSendOneLedgerRow() {
        String message = TestChannel.messageWebhook("e1", "wamid.in-1", BUSINESS, CUSTOMER, "Hi", HostFixture.START);
        for (int i = 0; i < 3; i++) {
            assertThat(f.postChannel(message).statusCode()).isEqualTo(200);
        }
        f.await("ticket", () -> f.count("SELECT COUNT(*) FROM conversations WHERE ticket_id IS NOT NULL") == 1);
        String ticket = "T-" + f.sql(c -> dev.deskbridge.host.store.Jdbc.queryOne(c, "SELECT id FROM conversations",
                rs -> rs.getString(1)).orElseThrow());

        f.clock.advance(Duration.ofMinutes(10));
        String reply = HttpJsonCrm.replyWebhook("r1", ticket, "Hello", f.clock.instant());
        for (int i = 0; i < 3; i++) {
            assertThat(f.postCrm(reply).statusCode()).isEqualTo(200);
        }
        f.await("sent", () -> f.channel.sent().size() == 1);
        String status = TestChannel.statusWebhook("s1", "out-1", CUSTOMER, "delivered", f.clock.instant(), false,
                "service", "free_customer_service");
        for (int i = 0; i < 3; i++) {
            assertThat(f.postChannel(status).statusCode()).isEqualTo(200);
        }
        f.await("settled", () -> f.count("SELECT COUNT(*) FROM cost_ledger WHERE status = 'SETTLED'") == 1);
        f.awaitIdle();

        // The customer's message, the CRM's webhook (stored once), the reply read from it, the status.
        assertThat(f.count("SELECT COUNT(*) FROM inbox")).isEqualTo(4);
        assertThat(f.count("SELECT COUNT(*) FROM inbox WHERE event_type = 'CRM_WEBHOOK'")).isEqualTo(1);
        assertThat(f.count("SELECT COUNT(*) FROM messages WHERE direction = 'IN'")).isEqualTo(1);
        assertThat(f.crmCalls("/api/messages")).hasSize(1);
        assertThat(f.channel.sent()).hasSize(1);
        assertThat(f.count("SELECT COUNT(*) FROM messages WHERE direction = 'OUT'")).isEqualTo(1);
        assertThat(f.count("SELECT COUNT(*) FROM cost_ledger")).isEqualTo(1);
        assertThat(f.crmCalls("/api/tickets/.*/deliveries")).hasSize(1);
        assertThat(f.count("SELECT COUNT(*) FROM dead_letters")).isZero();
    }

    @Test
    void aWrongOrMissingSignatureIsRefusedAndNothingIsStored() {
        String body = TestChannel.messageWebhook("e1", "wamid.in-1", BUSINESS, CUSTOMER, "Hi", HostFixture.START);
        var wrong = f.postSigned("/webhooks/channels/" + HostFixture.CHANNEL, TestChannel.SIGNATURE_HEADER,
                Hmac.sign("not-the-secret", body.getBytes(StandardCharsets.UTF_8)), body);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).startsWith("bad_signature");
        var missing = f.postSigned("/webhooks/channels/" + HostFixture.CHANNEL, TestChannel.SIGNATURE_HEADER, null,
                body);
        assertThat(missing.statusCode()).isEqualTo(401);
        var crm = f.postSigned("/webhooks/crms/" + HostFixture.CRM, HttpJsonCrm.SIGNATURE_HEADER, "sha256=00",
                HttpJsonCrm.replyWebhook("r1", "T-1", "Hello", HostFixture.START));
        assertThat(crm.statusCode()).isEqualTo(401);
        var malformed = f.postChannel("{not json");
        assertThat(malformed.statusCode()).isEqualTo(400);

        assertThat(f.count("SELECT COUNT(*) FROM inbox")).isZero();
        assertThat(f.count("SELECT COUNT(*) FROM conversations")).isZero();
        assertThat(f.count("SELECT COUNT(*) FROM messages")).isZero();
        assertThat(f.crmServer.getAllServeEvents()).isEmpty();
        assertThat(f.host.meters().scrape()).contains("deskbridge_webhooks_rejected_total{reason=\"bad_signature\"");
    }
}
