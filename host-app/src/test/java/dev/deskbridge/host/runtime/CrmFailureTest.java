package dev.deskbridge.host.runtime;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.deskbridge.host.testing.HostFixture.BUSINESS;
import static dev.deskbridge.host.testing.HostFixture.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.deskbridge.host.cli.DeskBridgeCli;
import dev.deskbridge.host.store.Jdbc;
import dev.deskbridge.host.testing.HostFixture;
import dev.deskbridge.host.testing.HostTest;
import dev.deskbridge.host.testing.TestChannel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The host's error policy against a failing CRM: retries with backoff, Retry-After, dead letters and replay. */
class CrmFailureTest extends HostTest {
    private void customerWrites() {
        assertThat(f.postChannel(TestChannel.messageWebhook("e1", "wamid.in-1", BUSINESS, CUSTOMER, "Hi",
                HostFixture.START)).statusCode()).isEqualTo(200);
    }

    @Test
    void twoServiceUnavailableAnswersThenSuccessDeliverOnce() {
        f.crmServer.stubFor(post(urlEqualTo("/api/messages")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("again"));
        f.crmServer.stubFor(post(urlEqualTo("/api/messages")).inScenario("flaky").whenScenarioStateIs("again")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        customerWrites();
        f.await("ticket stored", () -> f.count("SELECT COUNT(*) FROM conversations WHERE ticket_id IS NOT NULL") == 1);
        f.awaitIdle();
        List<LoggedRequest> calls = f.crmCalls("/api/messages");
        assertThat(calls).hasSize(3);
        // Only the first attempt may append blindly; the later ones tell the CRM to look first.
        assertThat(calls).extracting(r -> r.getBodyAsString().contains("\"retry\":true"))
                .containsExactlyInAnyOrder(false, true, true);
        assertThat(f.count("SELECT attempts FROM inbox WHERE event_id = 'e1'")).isEqualTo(3);
        assertThat(f.count("SELECT COUNT(*) FROM messages WHERE crm_ticket_id IS NOT NULL")).isEqualTo(1);
        assertThat(f.host.meters().scrape()).contains("deskbridge_retries_total{queue=\"inbox\"} 2.0");
    }

    @Test
    void retryAfterIsHonoured() {
        f.crmServer.stubFor(post(urlEqualTo("/api/messages")).inScenario("throttled")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")).willSetStateTo("ok"));
        customerWrites();
        f.await("ticket stored", () -> f.count("SELECT COUNT(*) FROM conversations WHERE ticket_id IS NOT NULL") == 1);
        List<LoggedRequest> calls = f.crmCalls("/api/messages");
        assertThat(calls).hasSize(2);
        long gap = calls.get(1).getLoggedDate().getTime() - calls.get(0).getLoggedDate().getTime();
        assertThat(gap).as("milliseconds between the 429 and the next attempt").isGreaterThanOrEqualTo(2000);
    }

    @Test
    void aCrmDownBeyondTheRetryBudgetGivesADeadLetterThatReplayDelivers() {
        f.crmServer.stubFor(post(urlEqualTo("/api/messages")).atPriority(1).willReturn(aResponse().withStatus(503)));
        customerWrites();
        dev.deskbridge.host.testing.Await.until("dead letter",
                () -> f.count("SELECT COUNT(*) FROM dead_letters") == 1);
        assertThat(f.crmCalls("/api/messages")).hasSize(3);
        String reason = f.sql(c -> Jdbc.queryOne(c, "SELECT reason FROM dead_letters", rs -> rs.getString(1))
                .orElseThrow());
        assertThat(reason).contains("gave up after 3 attempts").contains("503");

        String url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath();
        String listed = cli("dead-letters", "list", "--database", url);
        assertThat(listed).contains("INBOX").contains("CUSTOMER_MESSAGE").contains("503");
        long id = f.count("SELECT id FROM dead_letters");

        HostFixture.stubCrmOk(f.crmServer);
        assertThat(cli("dead-letters", "replay", String.valueOf(id), "--database", url)).contains("replayed 1");
        f.await("delivered after replay",
                () -> f.count("SELECT COUNT(*) FROM conversations WHERE ticket_id IS NOT NULL") == 1);
        assertThat(f.crmCalls("/api/messages")).hasSize(1);
        assertThat(cli("dead-letters", "list", "--database", url)).contains("no dead letters");
    }

    private static String cli(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = DeskBridgeCli.execute(args);
            assertThat(code).as("exit code of %s", String.join(" ", args)).isZero();
        } finally {
            System.setOut(old);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
