package dev.deskbridge.host.runtime;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.deskbridge.host.testing.HostFixture.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.deskbridge.connector.testkit.WireMockSupport;
import dev.deskbridge.host.store.DeadLetterStore;
import dev.deskbridge.host.store.Jdbc;
import dev.deskbridge.host.testing.HostFixture;
import dev.deskbridge.host.testing.HttpJsonCrm;
import dev.deskbridge.host.testing.MetaWebhooks;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reply Meta refused for good is a dead letter, its message and its cost marked failed; once the
 * cause is mended, replaying it sends it, once, and its cost counts again. The real Cloud API channel
 * against WireMock, in-process host.
 */
class SendDeadLetterReplayTest {
    private static final String MESSAGES = "/v23.0/" + HostFixture.META_PHONE_NUMBER_ID + "/messages";

    @TempDir
    Path dir;

    private WireMockServer graph;

    @BeforeEach
    void startGraph() {
        graph = WireMockSupport.startLoopback();
        graph.stubFor(post(urlPathEqualTo(MESSAGES)).inScenario("meta").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"(#100) Invalid parameter\",\"type\":\"OAuthException\","
                                + "\"code\":100,\"fbtrace_id\":\"A1\"}}")).willSetStateTo("mended"));
        graph.stubFor(post(urlPathEqualTo(MESSAGES)).inScenario("meta").whenScenarioStateIs("mended")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"12015550123\","
                                + "\"wa_id\":\"12015550123\"}],\"messages\":[{\"id\":\"wamid.REPLAYED\"}]}")));
    }

    @AfterEach
    void stopGraph() {
        graph.stop();
    }

    @Test
    void aReplayedSendIsSentOnceAndItsCostCountsAgain() {
        try (HostFixture f = HostFixture.in(dir).whatsApp(WireMockSupport.baseUrl(graph)).start()) {
            f.postMeta(MetaWebhooks.text("wamid.IN1", CUSTOMER, "Hi", HostFixture.START));
            f.await("ticket", () -> f.count("SELECT COUNT(*) FROM conversations WHERE ticket_id IS NOT NULL") == 1);
            String ticket = f.sql(c -> Jdbc.queryOne(c, "SELECT ticket_id FROM conversations", rs -> rs.getString(1))
                    .orElseThrow());
            f.postCrm(HttpJsonCrm.replyWebhook("r1", ticket, "Your code is 4711", f.clock.instant()));
            dev.deskbridge.host.testing.Await.until("a dead letter",
                    () -> f.count("SELECT COUNT(*) FROM dead_letters WHERE queue = 'OUTBOX'") == 1);
            f.awaitIdle();
            assertThat(f.count("SELECT COUNT(*) FROM messages WHERE direction = 'OUT' AND status = 'FAILED'"))
                    .isEqualTo(1);
            assertThat(f.count("SELECT COUNT(*) FROM cost_ledger WHERE direction = 'OUT' AND status = 'FAILED'"))
                    .isEqualTo(1);

            long letter = f.count("SELECT id FROM dead_letters");
            assertThat(new DeadLetterStore(f.host.database()).replay(letter, f.clock.instant())).isTrue();
            // Before: the send found its message failed, took it for done and sent nothing, without a word.
            f.await("sent after the replay", () -> f.count("SELECT COUNT(*) FROM messages WHERE direction = 'OUT' "
                    + "AND provider_message_id = 'wamid.REPLAYED'") == 1);
            f.awaitIdle();
            assertThat(graph.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)))).hasSize(2);
            assertThat(f.count("SELECT COUNT(*) FROM messages WHERE direction = 'OUT'")).isEqualTo(1);
            assertThat(f.count("SELECT COUNT(*) FROM cost_ledger WHERE direction = 'OUT' AND status <> 'FAILED' "
                    + "AND provider_message_id = 'wamid.REPLAYED'")).isEqualTo(1);
        }
    }
}
