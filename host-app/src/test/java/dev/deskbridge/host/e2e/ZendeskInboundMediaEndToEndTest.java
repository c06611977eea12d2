package dev.deskbridge.host.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.deskbridge.host.e2e.ZendeskApiStub.TICKET;
import static dev.deskbridge.host.e2e.ZendeskApiStub.TICKETS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.testkit.ManualClock;
import dev.deskbridge.host.channel.whatsapp.MetaStub;
import dev.deskbridge.host.plugins.TestJars;
import dev.deskbridge.host.store.Conversation;
import dev.deskbridge.host.testing.Hmac;
import dev.deskbridge.host.testing.HostFixture;
import dev.deskbridge.host.testing.HostProbe;
import dev.deskbridge.host.testing.MetaWebhooks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A customer's files on the way to Zendesk, and the other messages that are more than text (a cart,
 * a changed number): {@code deskbridge run} with the built Zendesk plugin and the built-in Cloud API
 * channel, Meta's Graph API (media look-up and CDN) and Zendesk as WireMock on loopback. What reaches
 * the ticket is read from the ticket creation and the updates the plugin sent.
 */
class ZendeskInboundMediaEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-09-01T10:00:00Z");
    private static final PhoneNumber CUSTOMER = PhoneNumber.of(HostFixture.CUSTOMER);
    private static final PhoneNumber BUSINESS = PhoneNumber.of(HostFixture.BUSINESS);
    private static final String CDN = MetaStub.CDN_PREFIX + "whatsapp_business/attachments/";

    @TempDir
    Path home;

    private final ManualClock clock = new ManualClock(T0);
    private MetaStub meta;
    private ZendeskApiStub zendesk;
    private RunningHost host;
    private HostProbe probe;

    @BeforeEach
    void start() throws IOException {
        meta = MetaStub.start();
        zendesk = new ZendeskApiStub();
        zendesk.newCustomerWithoutTicket("Ann", CUSTOMER.e164());
        zendesk.server.stubFor(post(urlPathEqualTo("/api/v2/uploads.json")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("{\"upload\": {\"token\": \"6bk3gql82em5nmf\", \"attachments\": []}}")));
        host = RunningHost.start(home, RunningHost.hostSections() + WhatsAppTraffic.channelSection(meta.baseUrl())
                + zendesk.crmAndRouteSectionsWithFields(), ZendeskStandIn.hostEnvironment(),
                clock, TestJars.realPlugin("deskbridge-zendesk"));
        probe = host.probe();
    }

    @AfterEach
    void stop() {
        Received.closeAll(host, meta, zendesk);
    }

    @Test
    void aFileThatIsGoneOrTooLargeIsNamedOnTheTicketWithTheCaption() {
        // Meta no longer has the first; the second is announced larger than the channel takes (16 MiB).
        meta.server().stubFor(get(urlPathEqualTo("/" + MetaStub.VERSION + "/gone7012")).willReturn(aResponse()
                .withStatus(400).withHeader("Content-Type", "application/json").withBody(MetaStub.errorBody(100,
                        "Unsupported get request. Object with ID 'gone7012' does not exist",
                        "Unsupported get request."))));
        mediaInfo("huge7013", "application/pdf", "99999999999");

        customerSends("wamid.MEDIA7012", "image", "{\"id\": \"gone7012\", \"caption\": \"gone media\"}");
        assertThat(commentsOnTheTicket())
                .containsExactly("gone media\n[image not attached: the file could not be fetched]");
        customerSends("wamid.MEDIA7013", "document",
                "{\"id\": \"huge7013\", \"filename\": \"scan.pdf\", \"mime_type\": \"application/pdf\"}");
        assertThat(commentsOnTheTicket()).last().isEqualTo(
                "[document \"scan.pdf\" not attached: the file is larger than DeskBridge takes (16 MiB)]");

        assertThat(zendesk.server.findAll(postRequestedFor(urlPathEqualTo("/api/v2/uploads.json")))).isEmpty();
        assertThat(meta.server().findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathMatching(CDN + ".*")))).as("nothing downloaded").isEmpty();
        assertThat(probe.count("SELECT COUNT(*) FROM dead_letters")).isZero();
    }

    @Test
    void aFileMetaKeepsFailingToHandOverDoesNotKeepTheMessageFromTheTicket() {
        // Meta's media endpoint is down for longer than the item's attempts (3 here) last.
        meta.server().stubFor(get(urlPathEqualTo("/" + MetaStub.VERSION + "/fail57014")).willReturn(aResponse()
                .withStatus(503).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"An unknown error occurred\",\"type\":\"OAuthException\","
                        + "\"code\":2,\"fbtrace_id\":\"AbC\"}}")));

        customerSends("wamid.MEDIA7014", "image", "{\"id\": \"fail57014\", \"caption\": \"flaky 503\"}");

        assertThat(commentsOnTheTicket())
                .containsExactly("flaky 503\n[image not attached: the download did not succeed in time]");
        assertThat(lookups("fail57014")).as("one look-up an attempt, the last gives up").isEqualTo(3);
        assertThat(zendesk.server.findAll(postRequestedFor(urlPathEqualTo(TICKETS)))).hasSize(1);
        assertThat(probe.count("SELECT COUNT(*) FROM dead_letters")).isZero();
        assertThat(host.output()).doesNotContain(MetaStub.ACCESS_TOKEN);
    }

    @Test
    void aThrottledLookUpThatAsksForAnHourDoesNotHoldTheMessageBack() {
        meta.server().stubFor(get(urlPathEqualTo("/" + MetaStub.VERSION + "/slow7015")).willReturn(aResponse()
                .withStatus(429).withHeader("Retry-After", "3600").withHeader("Content-Type", "application/json")
                .withBody(MetaStub.errorBody(4, "Application request limit reached", "Too many calls"))));

        customerSends("wamid.MEDIA7015", "image", "{\"id\": \"slow7015\"}");

        assertThat(commentsOnTheTicket()).containsExactly("[image not attached: the download did not succeed in time]");
        assertThat(lookups("slow7015")).isEqualTo(1);
    }

    @Test
    void aPassingFailureIsTriedAgainAndTheFileAttached() {
        meta.server().stubFor(get(urlPathEqualTo("/" + MetaStub.VERSION + "/blip7016")).inScenario("blip")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("back"));
        meta.server().stubFor(get(urlPathEqualTo("/" + MetaStub.VERSION + "/blip7016")).inScenario("blip")
                .whenScenarioStateIs("back").willReturn(okJson(mediaInfoJson("blip7016", "image/jpeg", "3"))));
        cdn(aResponse().withStatus(200).withHeader("Content-Type", "image/jpeg").withBody(new byte[] {1, 2, 3}));

        customerSends("wamid.MEDIA7016", "image", "{\"id\": \"blip7016\", \"caption\": \"my receipt\"}");

        assertThat(commentsOnTheTicket()).containsExactly("my receipt");
        assertThat(lookups("blip7016")).isEqualTo(2);
        LoggedRequest upload = Received.only(zendesk.server, postRequestedFor(urlPathEqualTo("/api/v2/uploads.json")));
        assertThat(upload.getBody()).containsExactly(1, 2, 3);
    }

    @Test
    void aDocumentKeepsTheCustomersFileNameAndAnImageWithoutIdItsCaption() {
        mediaInfo("doc7002", "application/pdf", "3");
        cdn(aResponse().withStatus(200).withHeader("Content-Type", "application/pdf").withBody(new byte[] {4, 5, 6}));

        customerSends("wamid.MEDIA7002", "document", "{\"id\": \"doc7002\", \"filename\": \"invoice.pdf\", "
                + "\"mime_type\": \"application/pdf\"}");
        LoggedRequest upload = Received.only(zendesk.server, postRequestedFor(urlPathEqualTo("/api/v2/uploads.json")));
        assertThat(upload.queryParameter("filename").firstValue()).isEqualTo("invoice.pdf");
        assertThat(upload.getBody()).containsExactly(4, 5, 6);
        assertThat(commentsOnTheTicket()).containsExactly("[document: invoice.pdf]");

        customerSends("wamid.MEDIA7003", "image", "{\"caption\": \"no id\", \"mime_type\": \"image/jpeg\"}");
        assertThat(commentsOnTheTicket()).last()
                .isEqualTo("no id\n[image not attached: WhatsApp sent it without a media id]");
    }

    @Test
    void aCartFromTheCatalogueAndAChangedNumberAreReadableOnTheTicket() {
        customerSends("wamid.ORDER-1", "order", "{\"catalog_id\": \"194836987003835\", \"text\": \"my order\", "
                + "\"product_items\": [{\"product_retailer_id\": \"di9ozbzfi4\", \"quantity\": 2, "
                + "\"item_price\": 30, \"currency\": \"USD\"}, {\"product_retailer_id\": \"nqryix03ez\", "
                + "\"quantity\": 1, \"item_price\": 25, \"currency\": \"USD\"}]}");
        customerSends("wamid.SYSTEM-1", "system", "{\"body\": \"User Ann changed from " + CUSTOMER.digits()
                + " to 4915149999999\", \"wa_id\": \"4915149999999\", \"type\": \"user_changed_number\"}");

        assertThat(commentsOnTheTicket()).containsExactly(
                "my order\n[order: 3 items, 85.00 USD, catalog 194836987003835]\n- 2 × di9ozbzfi4 at 30.00 USD\n"
                        + "- 1 × nqryix03ez at 25.00 USD",
                "[number change: User Ann changed from " + CUSTOMER.digits() + " to 4915149999999; new number "
                        + "+4915149999999. This conversation stays with the old number; messages from the new one "
                        + "come as a new customer.]");
        assertThat(probe.count("SELECT COUNT(*) FROM conversations")).as("no conversation moved or added").isEqualTo(1);
    }

    // ---- Meta's side

    private int lookups(String mediaId) {
        return meta.server().findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/" + MetaStub.VERSION + "/" + mediaId))).size();
    }

    /** Meta's "Retrieve Media URL" answer for {@code id}, pointing into the stub's CDN. */
    private void mediaInfo(String id, String mime, String fileSize) {
        meta.server().stubFor(get(urlPathEqualTo("/" + MetaStub.VERSION + "/" + id)).willReturn(okJson(
                mediaInfoJson(id, mime, fileSize))));
    }

    private String mediaInfoJson(String id, String mime, String fileSize) {
        return "{\"messaging_product\": \"whatsapp\", \"url\": \"" + meta.baseUrl() + CDN + "?mid=" + id
                + "&ext=1744344496&hash=ATtUr9\", \"mime_type\": \"" + mime + "\", \"sha256\": "
                + "\"e2d7d1ecb1c4a3d6f3e1b5b4e0c7b6a3\", \"file_size\": \"" + fileSize + "\", \"id\": \"" + id + "\"}";
    }

    /** The CDN's answer for every download. */
    private void cdn(ResponseDefinitionBuilder answer) {
        meta.server().stubFor(get(urlPathMatching(CDN + ".*")).willReturn(answer));
    }

    /** The customer's message of {@code type}, signed as Meta signs; waits until it is on the ticket. */
    private void customerSends(String wamid, String type, String content) {
        String json = MetaWebhooks.message(wamid, CUSTOMER.e164(), clock.instant(), type, content);
        assertThat(probe.post("/webhooks/channels/wa-main", "application/json", Map.of("X-Hub-Signature-256",
                Hmac.sign(HostFixture.META_APP_SECRET, json.getBytes(StandardCharsets.UTF_8))), json).statusCode())
                .isEqualTo(200);
        probe.await("message " + wamid + " on the ticket", () -> probe.count("SELECT COUNT(*) FROM messages WHERE "
                + "provider_message_id = ? AND crm_ticket_id IS NOT NULL", wamid) == 1);
    }

    // ---- Zendesk's side

    /** The customer comments the plugin put on the ticket, in order: its creation's, then its updates'. */
    private List<String> commentsOnTheTicket() {
        probe.await("a ticket", () -> probe.conversation(BUSINESS, CUSTOMER).flatMap(Conversation::ticket).isPresent());
        List<LoggedRequest> writes = new java.util.ArrayList<>(zendesk.server.findAll(postRequestedFor(
                urlPathEqualTo(TICKETS))));
        writes.addAll(zendesk.server.findAll(putRequestedFor(urlPathEqualTo("/api/v2/tickets/" + TICKET + ".json"))));
        return writes.stream().map(r -> read(r).path("ticket").path("comment").path("body"))
                .filter(b -> !b.isMissingNode()).map(b -> b.asText()).toList();
    }

    private static com.fasterxml.jackson.databind.JsonNode read(LoggedRequest request) {
        try {
            return JSON.readTree(request.getBodyAsString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
