package dev.deskbridge.host.runtime;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.deskbridge.host.testing.HostFixture.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.deskbridge.connector.testkit.WireMockSupport;
import dev.deskbridge.host.store.Jdbc;
import dev.deskbridge.host.testing.HostFixture;
import dev.deskbridge.host.testing.HttpJsonCrm;
import dev.deskbridge.host.testing.MetaWebhooks;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two numbers of one Meta app, each a channel of its own: Meta sends both numbers' events to the
 * app's one callback URL, here the fixture's channel's. The real Cloud API channels against
 * WireMock, in-process host.
 */
class OtherNumberWebhookTest {
    private static final String TWO = "wa-two";
    private static final String TWO_ID = "106540352242999";
    private static final String TWO_NUMBER = "+15550100002";
    private static final String OTHER_CUSTOMER = "+12015550177";
    private static final String THIRD_CUSTOMER = "+12015550188";
    private static final String MAIN_SENDS = "/v23.0/" + HostFixture.META_PHONE_NUMBER_ID + "/messages";
    private static final String TWO_SENDS = "/v23.0/" + TWO_ID + "/messages";

    @TempDir
    Path dir;

    private WireMockServer graph;

    @BeforeEach
    void startGraph() {
        graph = WireMockSupport.startLoopback();
        for (String path : List.of(MAIN_SENDS, TWO_SENDS)) {
            graph.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.OUT"
                            + (path.equals(TWO_SENDS) ? "TWO" : "MAIN") + "\"}]}")));
        }
    }

    @AfterEach
    void stopGraph() {
        graph.stop();
    }

    private HostFixture host(String twoSecret) {
        return HostFixture.in(dir).whatsApp(WireMockSupport.baseUrl(graph))
                .otherNumber(new HostFixture.OtherNumber(TWO, TWO_ID, TWO_NUMBER, twoSecret)).start();
    }

    @Test
    void aMessageForTheOtherNumberIsThatChannelsAndItsReplyAndStatusesWork() {
        try (HostFixture f = host(HostFixture.META_APP_SECRET)) {
            assertThat(f.postMeta(MetaWebhooks.forNumber(MetaWebhooks.text("wamid.IN1", CUSTOMER, "Hi", HostFixture.START),
                    TWO_NUMBER, TWO_ID)).statusCode()).isEqualTo(200);
            f.await("ticket", () -> f.count("SELECT COUNT(*) FROM conversations WHERE ticket_id IS NOT NULL") == 1);
            // Before: kept as the receiving channel's, whose route then sent the reply from the wrong number.
            java.util.Optional<String> channel = f.sql(c -> Jdbc.queryOne(c, "SELECT channel_id FROM conversations",
                    rs -> rs.getString(1)));
            assertThat(channel).contains(TWO);
            String ticket = f.sql(c -> Jdbc.queryOne(c, "SELECT ticket_id FROM conversations", rs -> rs.getString(1))
                    .orElseThrow());

            f.postCrm(HttpJsonCrm.replyWebhook("r1", ticket, "Hello Ann", f.clock.instant()));
            f.await("reply sent", () -> f.count("SELECT COUNT(*) FROM messages WHERE direction = 'OUT' "
                    + "AND provider_message_id = 'wamid.OUTTWO'") == 1);
            assertThat(graph.findAll(postRequestedFor(urlPathEqualTo(TWO_SENDS)))).hasSize(1);
            assertThat(graph.findAll(postRequestedFor(urlPathEqualTo(MAIN_SENDS)))).isEmpty();

            // Its statuses come to the same URL and still reach the message the other channel sent.
            assertThat(f.postMeta(MetaWebhooks.forNumber(MetaWebhooks.status("wamid.OUTTWO", CUSTOMER, "delivered",
                    f.clock.instant(), true, "service", "regular"), TWO_NUMBER, TWO_ID)).statusCode()).isEqualTo(200);
            f.await("settled", () -> f.count("SELECT COUNT(*) FROM cost_ledger WHERE provider_message_id = "
                    + "'wamid.OUTTWO' AND status = 'SETTLED'") == 1);
            f.awaitIdle();
            assertThat(f.count("SELECT COUNT(*) FROM dead_letters")).isZero();
            assertThat(f.count("SELECT COUNT(*) FROM bad_records")).isZero();
        }
    }

    @Test
    void whenTheOtherChannelRefusesTheDeliveryItsMessagesAreABadRecordAndTheRestGoesThrough() {
        try (HostFixture f = host("another-apps-secret")) {
            String mine = MetaWebhooks.text("wamid.IN1", CUSTOMER, "Hi", HostFixture.START);
            String theirs = MetaWebhooks.forNumber(MetaWebhooks.text("wamid.IN2", OTHER_CUSTOMER, "Hello",
                    HostFixture.START), TWO_NUMBER, TWO_ID);
            // A number no channel has stays with the receiving channel, as before.
            String unknown = MetaWebhooks.forNumber(MetaWebhooks.text("wamid.IN3", THIRD_CUSTOMER, "Hey",
                    HostFixture.START), "+15550100009", "106540352242000");
            assertThat(f.postMeta(MetaWebhooks.batched(theirs, mine, unknown)).statusCode()).isEqualTo(200);
            f.await("tickets", () -> f.count("SELECT COUNT(*) FROM conversations WHERE ticket_id IS NOT NULL") >= 2);
            f.awaitIdle();
            List<String> conversations = f.sql(c -> Jdbc.query(c, "SELECT channel_id, business, customer FROM "
                    + "conversations ORDER BY customer", rs -> rs.getString(1) + " " + rs.getString(2) + " "
                    + rs.getString(3)));
            assertThat(conversations).containsExactly(HostFixture.CHANNEL + " " + HostFixture.BUSINESS + " " + CUSTOMER,
                    HostFixture.CHANNEL + " +15550100009 " + THIRD_CUSTOMER);
            List<String> reasons = f.sql(c -> Jdbc.query(c, "SELECT instance_id || ': ' || reason FROM bad_records",
                    rs -> rs.getString(1)));
            assertThat(reasons).singleElement().asString().contains(TWO).contains("1 message")
                    .doesNotContain(OTHER_CUSTOMER.substring(1));
        }
    }
}
