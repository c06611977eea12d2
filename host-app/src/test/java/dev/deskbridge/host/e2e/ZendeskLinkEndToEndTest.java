package dev.deskbridge.host.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.deskbridge.host.e2e.Received.only;
import static dev.deskbridge.host.e2e.ZendeskApiStub.TICKETS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.testkit.ManualClock;
import dev.deskbridge.host.channel.whatsapp.MetaQrStub;
import dev.deskbridge.host.channel.whatsapp.MetaStub;
import dev.deskbridge.host.plugins.TestJars;
import dev.deskbridge.host.store.Conversation;
import dev.deskbridge.host.testing.Hmac;
import dev.deskbridge.host.testing.HostFixture;
import dev.deskbridge.host.testing.HostProbe;
import dev.deskbridge.host.testing.MetaWebhooks;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 end to end: an operator creates a click-to-chat link with a QR code ({@code deskbridge
 * links create --qr}, Meta's {@code message_qrdls} a stub checked against Meta's description) beside
 * the running host with the built Zendesk plugin; a customer's first message carrying the link's
 * code becomes a ticket that shows the link's name and source (a field and tags), and the agents
 * read the customer's words without the code.
 */
class ZendeskLinkEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-09-01T10:00:00Z");
    private static final PhoneNumber CUSTOMER = PhoneNumber.of(HostFixture.CUSTOMER);
    private static final PhoneNumber BUSINESS = PhoneNumber.of(HostFixture.BUSINESS);
    private static final long LINK_FIELD = 360003;
    private static final Pattern CREATED = Pattern.compile("Link ([2-9A-HJ-NP-Z]{6}): Spring poster");

    @TempDir
    Path home;

    private final ManualClock clock = new ManualClock(T0);
    private MetaStub meta;
    private ZendeskApiStub zendesk;
    private RunningHost host;
    private HostProbe probe;

    @BeforeEach
    void start() throws IOException {
        Path plugin = TestJars.realPlugin("deskbridge-zendesk");
        meta = MetaStub.start();
        MetaQrStub.accept(meta.server());
        zendesk = new ZendeskApiStub();
        zendesk.newCustomerWithoutTicket("Ann", CUSTOMER.e164());
        host = RunningHost.start(home, config(), ZendeskStandIn.hostEnvironment(), clock, plugin);
        probe = host.probe();
    }

    @AfterEach
    void stop() {
        Received.closeAll(host, meta, zendesk);
    }

    private String config() {
        return RunningHost.hostSections() + WhatsAppTraffic.channelSection(meta.baseUrl()) + """
                crms:
                  - id: zendesk-main
                    type: zendesk
                    config:
                      url: %s
                      email: whatsapp-bot@acme.example
                      api_token: ${ZENDESK_API_TOKEN}
                      webhook_signing_secret: ${ZENDESK_WEBHOOK_SECRET}
                      window_field_id: %d
                      cost_field_id: %d
                      link_field_id: %d
                routes:
                  - channel: wa-main
                    crm: zendesk-main
                    policy: refuse
                """.formatted(zendesk.baseUrl(), ZendeskApiStub.WINDOW_FIELD, ZendeskApiStub.COST_FIELD, LINK_FIELD);
    }

    @Test
    void aFirstMessageFromAQrCodeMakesATicketThatNamesTheLinkAndItsSource() throws IOException {
        // The operator creates the link with Meta's QR code and short link.
        String created = host.cli("links", "create", "--channel", "wa-main", "--name", "Spring poster", "--source",
                "poster", "--message", "Hi, I saw your poster", "--qr");
        Matcher m = CREATED.matcher(created);
        assertThat(m.find()).as(created).isTrue();
        String code = m.group(1);
        String prefilled = "Hi, I saw your poster (ref " + code + ")";
        JsonNode qrRequest = JSON.readTree(only(meta.server(), postRequestedFor(urlPathMatching(".*/message_qrdls")))
                .getBodyAsString());
        assertThat(qrRequest.path("prefilled_message").asText()).isEqualTo(prefilled);
        assertThat(created).contains("https://wa.me/message/" + MetaQrStub.CODE)
                .contains("https://wa.me/" + BUSINESS.digits() + "?text=Hi%2C%20I%20saw%20your%20poster%20%28ref%20"
                        + code + "%29");
        assertThat(host.cli("links", "list")).contains(code).contains("Spring poster").contains(MetaQrStub.CODE);

        // The customer scans it and sends the prefilled text: the first message of the conversation.
        String inbound = MetaWebhooks.text("wamid.IN-LINK-1", CUSTOMER.e164(), prefilled, T0.minusSeconds(5));
        assertThat(postMeta(inbound).statusCode()).isEqualTo(200);
        probe.await("ticket recorded on the conversation",
                () -> probe.conversation(BUSINESS, CUSTOMER).flatMap(Conversation::ticket).isPresent());
        Conversation conversation = probe.conversation(BUSINESS, CUSTOMER).orElseThrow();

        JsonNode ticket = JSON.readTree(only(zendesk.server, postRequestedFor(urlPathEqualTo(TICKETS)))
                .getBodyAsString()).path("ticket");
        assertThat(ticket.path("comment").path("body").asText()).as("the agents read the customer's words")
                .isEqualTo("Hi, I saw your poster");
        assertThat(ticket.path("subject").asText()).doesNotContain("(ref");
        assertThat(ticket.path("tags")).extracting(JsonNode::asText)
                .contains("whatsapp", "wa_link_" + code.toLowerCase(java.util.Locale.ROOT), "wa_source_poster");
        assertThat(StreamSupport.stream(ticket.path("custom_fields").spliterator(), false)
                .filter(f -> f.path("id").asLong() == LINK_FIELD).map(f -> f.path("value").asText()))
                .containsExactly("Spring poster (poster)");
        assertThat(probe.count("SELECT COUNT(*) FROM conversation_links WHERE conversation_id = ? AND link_code = ?",
                conversation.id().value(), code)).isEqualTo(1);
        java.util.Optional<String> stored = probe.sql(c -> dev.deskbridge.host.store.Jdbc.queryOne(c,
                "SELECT summary FROM messages WHERE provider_message_id = 'wamid.IN-LINK-1'", rs -> rs.getString(1)));
        assertThat(stored).contains("Hi, I saw your poster");

        // A later message keeps the conversation's link on the ticket and is shown without a code too.
        zendesk.ticketWithComments(conversation.id().value());
        assertThat(postMeta(MetaWebhooks.text("wamid.IN-LINK-2", CUSTOMER.e164(), "Is it still on? (ref " + code
                + ")", T0.plusSeconds(60))).statusCode()).isEqualTo(200);
        probe.await("the second message on the ticket", () -> zendesk.server.findAll(putRequestedFor(
                urlPathEqualTo("/api/v2/tickets/" + ZendeskApiStub.TICKET + ".json"))).stream()
                .anyMatch(r -> r.getBodyAsString().contains("Is it still on?")));
        JsonNode update = JSON.readTree(zendesk.server.findAll(putRequestedFor(urlPathEqualTo("/api/v2/tickets/"
                + ZendeskApiStub.TICKET + ".json"))).stream().filter(r -> r.getBodyAsString().contains("Is it still on?"))
                .findFirst().orElseThrow().getBodyAsString()).path("ticket");
        assertThat(update.path("comment").path("body").asText()).isEqualTo("Is it still on?");
        assertThat(update.path("additional_tags")).extracting(JsonNode::asText).contains("wa_source_poster");

        // The website button's data is public and names nothing but the link's URL.
        HttpResponse<String> widget = probe.get("/widget/" + code + ".json");
        assertThat(widget.statusCode()).isEqualTo(200);
        assertThat(widget.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        JsonNode button = JSON.readTree(widget.body());
        assertThat(button.path("url").asText()).isEqualTo("https://wa.me/" + BUSINESS.digits()
                + "?text=Hi%2C%20I%20saw%20your%20poster%20%28ref%20" + code + "%29");
        assertThat(widget.body()).doesNotContain("Spring poster", "poster\"", MetaQrStub.CODE, MetaStub.ACCESS_TOKEN);
        assertThat(probe.get("/widget/ZZZZZZ.json").statusCode()).isEqualTo(404);

        meta.assertEveryRequestMatchesDescription();
        assertThat(host.output()).doesNotContain(MetaStub.ACCESS_TOKEN, HostFixture.META_APP_SECRET);
        assertThat(probe.count("SELECT COUNT(*) FROM dead_letters")).isZero();
    }

    /** Meta's webhook, signed with the app secret as Meta signs ({@code X-Hub-Signature-256}). */
    private HttpResponse<String> postMeta(String json) {
        return probe.post("/webhooks/channels/wa-main", "application/json", Map.of("X-Hub-Signature-256",
                Hmac.sign(HostFixture.META_APP_SECRET, json.getBytes(StandardCharsets.UTF_8))), json);
    }
}
