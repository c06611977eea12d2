package dev.deskbridge.host.runtime;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.deskbridge.host.testing.HostFixture.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.deskbridge.connector.testkit.WireMockSupport;
import dev.deskbridge.host.store.Jdbc;
import dev.deskbridge.host.testing.HostFixture;
import dev.deskbridge.host.testing.HttpJsonCrm;
import dev.deskbridge.host.testing.MetaWebhooks;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The support day again, with the built-in WhatsApp Cloud channel talking to a Graph API stub. */
class WhatsAppEndToEndTest {
    static final String MESSAGES = "/v23.0/" + HostFixture.META_PHONE_NUMBER_ID + "/messages";

    @TempDir
    Path dir;

    WireMockServer graph;
    HostFixture f;

    @BeforeEach
    void start() {
        graph = WireMockSupport.startLoopback();
        graph.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"12015550123\",\"wa_id\":"
                        + "\"12015550123\"}],\"messages\":[{\"id\":\"wamid.{{randomValue length=20 type='ALPHANUMERIC'}}\"}]}")
                .withTransformers("response-template")));
        f = HostFixture.in(dir).whatsApp(WireMockSupport.baseUrl(graph)).start();
    }

    @AfterEach
    void stop() {
        try {
            f.close();
        } finally {
            graph.stop();
        }
    }

    private List<LoggedRequest> sends() {
        return graph.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)));
    }

    private String providerId(int n) {
        return f.sql(c -> Jdbc.query(c, "SELECT provider_message_id FROM messages WHERE direction = 'OUT' "
                + "AND provider_message_id IS NOT NULL ORDER BY id", rs -> rs.getString(1))).get(n);
    }

    private String ledgerStatus(String wamid) {
        return f.sql(c -> Jdbc.queryOne(c, "SELECT status FROM cost_ledger WHERE provider_message_id = ?",
                rs -> rs.getString(1), wamid).orElse(""));
    }

    private BigDecimal ledger(String column, String wamid) {
        return f.sql(c -> Jdbc.queryOne(c, "SELECT " + column + " FROM cost_ledger WHERE provider_message_id = ?",
                rs -> rs.getBigDecimal(1), wamid).orElseThrow());
    }

    @Test
    void metaWebhooksInGraphApiSendsOut() {
        Instant t0 = HostFixture.START;
        assertThat(f.postMeta(MetaWebhooks.text("wamid.IN1", CUSTOMER, "Hi there", t0)).statusCode()).isEqualTo(200);
        f.await("ticket", () -> f.count("SELECT COUNT(*) FROM conversations WHERE ticket_id IS NOT NULL") == 1);
        String ticket = f.sql(c -> Jdbc.queryOne(c, "SELECT ticket_id FROM conversations", rs -> rs.getString(1))
                .orElseThrow());
        assertThat(f.crmCalls("/api/messages").get(0).getBodyAsString()).contains("Hi there");

        f.clock.set(t0.plus(Duration.ofHours(1)));
        f.postCrm(HttpJsonCrm.replyWebhook("r1", ticket, "Hello Ann", f.clock.instant()));
        f.await("free-form sent", () -> sends().size() == 1 && f.count(
                "SELECT COUNT(*) FROM cost_ledger WHERE provider_message_id IS NOT NULL") == 1);
        assertThat(sends().get(0).getBodyAsString()).contains("\"type\":\"text\"").contains("Hello Ann")
                .contains("\"to\":\"12015550123\"");
        String first = providerId(0);
        assertThat(ledger("quoted_meta_fee", first)).isEqualByComparingTo("0");

        f.clock.set(t0.plus(Duration.ofHours(26)));
        f.postCrm(HttpJsonCrm.replyWebhook("r2", ticket, "Are you still there?", f.clock.instant()));
        f.await("template sent", () -> sends().size() == 2 && f.count(
                "SELECT COUNT(*) FROM cost_ledger WHERE provider_message_id IS NOT NULL") == 2);
        assertThat(sends().get(1).getBodyAsString()).contains("\"type\":\"template\"").contains("reengage_v1");
        String template = providerId(1);
        assertThat(ledger("quoted_meta_fee", template)).isEqualByComparingTo("0.0040");
        f.await("agents told", () -> f.notes("TEMPLATE_SENT").size() == 1 && f.notes("REPLY_HELD").size() == 1);

        f.postMeta(MetaWebhooks.status(template, CUSTOMER, "delivered", f.clock.instant(), true, "utility",
                "regular"));
        f.await("settled", () -> ledgerStatus(template).equals("SETTLED"));
        assertThat(ledger("settled_meta_fee", template)).isEqualByComparingTo("0.0040");

        f.clock.set(t0.plus(Duration.ofHours(26)).plusSeconds(300));
        f.postMeta(MetaWebhooks.text("wamid.IN2", CUSTOMER, "Yes", f.clock.instant()));
        f.await("held reply sent", () -> sends().size() == 3 && f.count(
                "SELECT COUNT(*) FROM cost_ledger WHERE provider_message_id IS NOT NULL") == 3);
        assertThat(sends().get(2).getBodyAsString()).contains("Are you still there?");
        String held = providerId(2);
        assertThat(ledger("quoted_meta_fee", held)).isEqualByComparingTo("0");

        f.postMeta(MetaWebhooks.status(held, CUSTOMER, "failed", f.clock.instant(), false, null, null));
        f.await("failure zeroed", () -> ledgerStatus(held).equals("FAILED") && f.notes("DELIVERY_FAILED").size() == 1);
        assertThat(ledger("settled_meta_fee", held)).isEqualByComparingTo("0");
        assertThat(f.notes("DELIVERY_FAILED").get(0).getBodyAsString()).contains("131026");
        f.awaitIdle();
        assertThat(f.count("SELECT COUNT(*) FROM dead_letters")).isZero();
    }

    @Test
    void metasPricingDataSettlesAMessageItBillsOtherwiseThanQuoted() {
        Instant t0 = HostFixture.START;
        f.postMeta(MetaWebhooks.text("wamid.IN1", CUSTOMER, "Hi there", t0));
        f.await("ticket", () -> f.count("SELECT COUNT(*) FROM conversations WHERE ticket_id IS NOT NULL") == 1);
        String ticket = f.sql(c -> Jdbc.queryOne(c, "SELECT ticket_id FROM conversations", rs -> rs.getString(1))
                .orElseThrow());

        // Quoted free (a service reply in September 2026), billed by Meta as service.
        f.clock.set(t0.plus(Duration.ofHours(1)));
        f.postCrm(HttpJsonCrm.replyWebhook("r1", ticket, "Hello Ann", f.clock.instant()));
        f.await("free-form sent", () -> f.count("SELECT COUNT(*) FROM cost_ledger WHERE provider_message_id IS NOT NULL")
                == 1);
        String reply = providerId(0);
        assertThat(ledger("quoted_meta_fee", reply)).isEqualByComparingTo("0");
        f.postMeta(MetaWebhooks.status(reply, CUSTOMER, "delivered", f.clock.instant(), true, "service", "regular"));
        f.await("reply settled", () -> ledgerStatus(reply).equals("SETTLED"));
        // Before: kept at the free quote. The golden card has no North American service rate: its utility rate.
        assertThat(ledger("settled_meta_fee", reply)).isEqualByComparingTo("0.0040");

        // Quoted as a utility template, billed by Meta as marketing.
        f.clock.set(t0.plus(Duration.ofHours(26)));
        f.postCrm(HttpJsonCrm.replyWebhook("r2", ticket, "Are you still there?", f.clock.instant()));
        f.await("template sent", () -> f.count("SELECT COUNT(*) FROM cost_ledger WHERE provider_message_id IS NOT NULL")
                == 2);
        String template = providerId(1);
        assertThat(ledger("quoted_meta_fee", template)).isEqualByComparingTo("0.0040");
        f.postMeta(MetaWebhooks.status(template, CUSTOMER, "delivered", f.clock.instant(), true, "marketing",
                "regular"));
        f.await("template settled", () -> ledgerStatus(template).equals("SETTLED"));
        // Before: kept at the utility quote, 0.0040.
        assertThat(ledger("settled_meta_fee", template)).isEqualByComparingTo("0.0275");
        f.awaitIdle();
        assertThat(f.count("SELECT COUNT(*) FROM dead_letters")).isZero();
    }
}
