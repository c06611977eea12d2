package dev.deskbridge.host.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import dev.deskbridge.connector.api.template.ParameterFormat;
import dev.deskbridge.connector.api.template.TemplateDefinition;
import dev.deskbridge.connector.api.template.TemplateStatus;
import dev.deskbridge.connector.testkit.ManualClock;
import dev.deskbridge.host.channel.whatsapp.MetaStub;
import dev.deskbridge.host.plugins.TestJars;
import dev.deskbridge.host.store.Conversation;
import dev.deskbridge.host.templates.TemplateCatalogue;
import dev.deskbridge.host.testing.Hmac;
import dev.deskbridge.host.testing.HostFixture;
import dev.deskbridge.host.testing.HostProbe;
import dev.deskbridge.host.testing.MetaWebhooks;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three WhatsApp numbers (wa-de, wa-us, wa-pay) routed to one Zendesk ({@code zd}) on the real
 * host: the notifications, orders and campaigns APIs and the command line send on the channel the
 * caller names, or, when only the CRM is named, on the one channel the customer already talks to.
 * Before, every send naming {@code zd} was {@code route_ambiguous} and no request could say which
 * number should write.
 */
class SeveralChannelsOneCrmEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-10T09:00:00Z");
    private static final String SEND_TOKEN = "send-token-for-the-shop-0123";
    private static final String ADMIN_TOKEN = "admin-token-0123456789abcdef";
    private static final String DE_ID = "106540352242931";
    private static final String PAY_ID = "106540352242932";
    private static final PhoneNumber DE_NUMBER = PhoneNumber.of("+4930901820");
    private static final PhoneNumber PAY_NUMBER = PhoneNumber.of("+919800011111");
    /** A German customer who never wrote, and an Indian one who writes to wa-pay. */
    private static final PhoneNumber NEW_CUSTOMER = PhoneNumber.of("+4915112345678");
    private static final PhoneNumber PAYING_CUSTOMER = PhoneNumber.of("+919876543210");
    private static final String CHOOSE = "give \"channel\": one of wa-de, wa-pay, wa-us";

    @TempDir
    Path home;

    private final ManualClock clock = new ManualClock(T0);
    private final ApiExchanges api = new ApiExchanges(() -> this.probe.baseUrl());
    private final HttpClient http = HttpClient.newHttpClient();
    private MetaStub meta;
    private ZendeskStandIn zendesk;
    private RunningHost host;
    private HostProbe probe;

    @BeforeEach
    void start() throws IOException {
        meta = MetaStub.start();
        meta.acceptSendsWithUniqueIds();
        zendesk = new ZendeskStandIn();
        host = RunningHost.start(home, config(), Map.of(
                "WHATSAPP_ACCESS_TOKEN", MetaStub.ACCESS_TOKEN,
                "WHATSAPP_APP_SECRET", HostFixture.META_APP_SECRET,
                "WHATSAPP_VERIFY_TOKEN", MetaStub.VERIFY_TOKEN,
                "ZENDESK_API_TOKEN", "zd-api-token-0123456789",
                "ZENDESK_WEBHOOK_SECRET", ZendeskStandIn.SIGNING_SECRET,
                "DESKBRIDGE_ADMIN_TOKEN", ADMIN_TOKEN,
                "DESKBRIDGE_SEND_TOKEN", SEND_TOKEN), clock, TestJars.realPlugin("deskbridge-zendesk"));
        probe = host.probe();
        TemplateCatalogue catalogue = new TemplateCatalogue(host.database());
        for (String channel : List.of("wa-de", "wa-us", "wa-pay")) {
            catalogue.replace(channel, List.of(new TemplateDefinition("1001", "order_shipped", "order_shipped",
                    "en_US", TemplateStatus.APPROVED, Optional.of(TemplateCategory.UTILITY), ParameterFormat.POSITIONAL,
                    "Hi {{1}}, order {{2}} has shipped.", List.of("1", "2"), Optional.empty(), List.of(), List.of(),
                    "[]")), T0);
        }
    }

    @AfterEach
    void stop() {
        Received.closeAll(host, meta, zendesk);
    }

    private String config() {
        StringBuilder channels = new StringBuilder("channels:\n");
        for (String[] c : new String[][] {{"wa-de", DE_ID, DE_NUMBER.e164()},
                {"wa-us", HostFixture.META_PHONE_NUMBER_ID, HostFixture.BUSINESS},
                {"wa-pay", PAY_ID, PAY_NUMBER.e164()}}) {
            channels.append("""
                      - id: %s
                        type: whatsapp-cloud
                        config:
                          phone_number_id: "%s"
                          business_number: "%s"
                          access_token: ${WHATSAPP_ACCESS_TOKEN}
                          app_secret: ${WHATSAPP_APP_SECRET}
                          verify_token: ${WHATSAPP_VERIFY_TOKEN}
                          base_url: %s
                    """.formatted(c[0], c[1], c[2], meta.baseUrl()));
        }
        StringBuilder routes = new StringBuilder("routes:\n");
        for (String channel : List.of("wa-de", "wa-us", "wa-pay")) {
            routes.append("  - channel: ").append(channel).append("\n    crm: zd\n    policy: refuse\n");
        }
        return RunningHost.hostSections().replace("host:\n", "host:\n  admin_token: ${DESKBRIDGE_ADMIN_TOKEN}\n")
                + channels + """
                crms:
                  - id: zd
                    type: zendesk
                    config:
                      url: %s
                      email: whatsapp-bot@acme.example
                      api_token: ${ZENDESK_API_TOKEN}
                      webhook_signing_secret: ${ZENDESK_WEBHOOK_SECRET}
                      window_field_id: 360001
                      cost_field_id: 360002
                """.formatted(zendesk.baseUrl()) + routes + """
                messaging:
                  send_token: ${DESKBRIDGE_SEND_TOKEN}
                """;
    }

    private static String template(PhoneNumber to, String route) {
        return """
                {"to": "%s", "template": "order_shipped", "language": "en_US", "parameters": ["Ann", "A-1"],
                 %s "ticket": "attach"}""".formatted(to.e164(), route);
    }

    @Test
    void theCallerPicksTheChannelOrTheCustomersOnlyConversationOnTheCrmDecides() throws Exception {
        // The Indian customer writes to the payments number: a conversation on wa-pay only.
        customerWrites("wa-pay", PAY_ID, PAY_NUMBER, "wamid.IN-1");
        clock.set(T0.plusSeconds(60));

        // The CRM alone for a customer on none of its channels: refused, saying how to choose.
        HttpResponse<String> ambiguous = send(template(NEW_CUSTOMER, "\"route\": \"zd\","));
        assertRefused(ambiguous, "route_ambiguous");
        assertThat(message(ambiguous)).isEqualTo("several channels are routed to crm 'zd' and this customer has a "
                + "conversation on none of them: " + CHOOSE);
        // The channel named: sent from wa-de's number.
        JsonNode onDe = accepted(send(template(NEW_CUSTOMER, "\"route\": \"zd\", \"channel\": \"wa-de\",")));
        assertThat(onDe.path("channel").asText()).isEqualTo("wa-de");
        assertThat(onDe.path("route").asText()).isEqualTo("zd");
        probe.await("sent from wa-de", () -> meta.server().findAll(postRequestedFor(urlPathEqualTo(
                messages(DE_ID)))).size() == 1);
        // The channel alone names its route too.
        assertThat(accepted(send(template(PhoneNumber.of("+4915112345679"), "\"channel\": \"wa-us\","))).path("channel")
                .asText()).isEqualTo("wa-us");

        // The CRM alone for the customer who talks to wa-pay only: that conversation, for a template and orders.
        assertThat(accepted(send(template(PAYING_CUSTOMER, "\"route\": \"zd\","))).path("channel").asText())
                .isEqualTo("wa-pay");
        JsonNode order = accepted(send("""
                {"to": "%s", "route": "zd", "idempotencyKey": "order-P-1",
                 "order": {"kind": "details", "reference": "P-1", "body": "Your order", "payment": {"type": "upi",
                  "configuration": "acme-razorpay"}, "currency": "INR", "items": [{"retailerId": "SKU-1",
                  "name": "Bread", "amount": "600.00", "quantity": 1}], "subtotal": "600.00", "total": "600.00"}}"""
                .formatted(PAYING_CUSTOMER.e164())));
        assertThat(order.path("channel").asText()).isEqualTo("wa-pay");
        assertThat(accepted(send("""
                {"to": "%s", "route": "zd", "order": {"kind": "status", "reference": "P-1", "body": "On its way",
                 "status": "shipped"}}""".formatted(PAYING_CUSTOMER.e164()))).path("channel").asText())
                .isEqualTo("wa-pay");
        probe.await("three sent from wa-pay", () -> meta.server().findAll(postRequestedFor(urlPathEqualTo(
                messages(PAY_ID)))).size() == 3);

        // The customer writes to wa-de too: the CRM alone no longer says which, but an order status follows its order.
        customerWrites("wa-de", DE_ID, DE_NUMBER, "wamid.IN-2");
        HttpResponse<String> both = send(template(PAYING_CUSTOMER, "\"route\": \"zd\","));
        assertRefused(both, "route_ambiguous");
        assertThat(message(both)).isEqualTo("several channels are routed to crm 'zd' and this customer has "
                + "conversations on wa-de, wa-pay: " + CHOOSE);
        assertThat(accepted(send("""
                {"to": "%s", "route": "zd", "order": {"kind": "status", "reference": "P-1", "body": "Delivered",
                 "status": "completed"}}""".formatted(PAYING_CUSTOMER.e164()))).path("channel").asText())
                .isEqualTo("wa-pay");

        // A channel no route carries, or one routed elsewhere than the CRM named: refused, naming it.
        HttpResponse<String> unknown = send(template(NEW_CUSTOMER, "\"route\": \"zd\", \"channel\": \"wa-fr\","));
        assertRefused(unknown, "unknown_channel");
        assertThat(message(unknown)).contains("'wa-fr'");
        HttpResponse<String> elsewhere = send(template(NEW_CUSTOMER, "\"route\": \"other\", \"channel\": \"wa-de\","));
        assertRefused(elsewhere, "channel_route_mismatch");
        assertThat(message(elsewhere)).contains("'wa-de'", "'zd'", "'other'");

        // From the command line.
        assertThat(host.cli("send", "--url", probe.baseUrl(), "--template", "order_shipped", "--to", "+4915112345670",
                "--param", "1=Ann", "--param", "2=A-2", "--route", "zd", "--channel", "wa-de"))
                .contains("Queued message");
        probe.await("two sent from wa-de", () -> meta.server().findAll(postRequestedFor(urlPathEqualTo(
                messages(DE_ID)))).size() == 2);

        // A campaign: the CRM alone is ambiguous (many customers), the channel chooses.
        String csv = "to,1,2\n+4915110000001,Ana,A-1\n+4915110000002,Ben,A-2\n";
        HttpResponse<String> campaign = campaign("template=order_shipped&route=zd", csv, 422);
        assertThat(message(campaign)).isEqualTo("several channels are routed to crm 'zd': " + CHOOSE);
        JsonNode prepared = JSON.readTree(campaign("template=order_shipped&route=zd&channel=wa-us", csv, 201).body());
        assertThat(probe.count("SELECT COUNT(*) FROM campaigns WHERE id = ? AND channel_id = 'wa-us' AND crm_id = 'zd'",
                prepared.path("id").asText())).isEqualTo(1);
        Path recipients = Files.writeString(home.resolve("customers.csv"), "to,1,2\n+4915110000003,Cy,A-3\n");
        assertThat(host.cli("campaign", "send", "--url", probe.baseUrl(), "--template", "order_shipped",
                "--recipients", recipients.toString(), "--route", "zd", "--channel", "wa-de", "--yes"))
                .contains("1 recipients");
        probe.await("three sent from wa-de", () -> meta.server().findAll(postRequestedFor(urlPathEqualTo(
                messages(DE_ID)))).size() == 3);

        assertThat(probe.count("SELECT COUNT(*) FROM dead_letters")).isZero();
        meta.assertEveryRequestMatchesDescription();
        api.validate(r -> true, r -> true);
    }

    /** The Indian customer writes to a channel's number, and its conversation gets a ticket. */
    private void customerWrites(String channel, String phoneNumberId, PhoneNumber business, String wamid) {
        String text = MetaWebhooks.text(wamid, PAYING_CUSTOMER.e164(), "Can I pay here?",
                clock.instant().minusSeconds(5)).replace(HostFixture.META_PHONE_NUMBER_ID, phoneNumberId)
                .replace(PhoneNumber.of(HostFixture.BUSINESS).digits(), business.digits());
        assertThat(probe.post("/webhooks/channels/" + channel, "application/json", Map.of("X-Hub-Signature-256",
                Hmac.sign(HostFixture.META_APP_SECRET, text.getBytes(StandardCharsets.UTF_8))), text).statusCode())
                .isEqualTo(200);
        probe.await("the " + channel + " ticket", () -> probe.conversation(business, PAYING_CUSTOMER)
                .flatMap(Conversation::ticket).isPresent());
    }

    private static String messages(String phoneNumberId) {
        return "/" + MetaStub.VERSION + "/" + phoneNumberId + "/messages";
    }

    private HttpResponse<String> send(String json) throws Exception {
        return api.post(SEND_TOKEN, "/api/messages", json, Map.of());
    }

    private static JsonNode accepted(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JSON.readTree(r.body());
    }

    private static void assertRefused(HttpResponse<String> r, String code) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        assertThat(JSON.readTree(r.body()).path("error").asText()).as(r.body()).isEqualTo(code);
    }

    private static String message(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body()).path("message").asText();
    }

    /** {@code POST /api/campaigns?query} with the CSV, request and answer checked against the served description. */
    private HttpResponse<String> campaign(String query, String csv, int status) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(probe.baseUrl() + "/api/campaigns?"
                + query)).header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        SimpleRequest.Builder request = new SimpleRequest.Builder(Request.Method.POST, "/api/campaigns")
                .withHeader("Authorization", "Bearer " + ADMIN_TOKEN).withContentType("text/csv").withBody(csv);
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            request.withQueryParam(kv[0], kv[1]);
        }
        String description = http.send(HttpRequest.newBuilder(URI.create(probe.baseUrl() + "/api/openapi.yaml"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(OpenApiInteractionValidator.createForInlineApiSpecification(description).build()
                .validate(request.build(), SimpleResponse.Builder.status(r.statusCode()).withContentType(
                        "application/json").withBody(r.body()).build()).getMessages()).as(query).isEmpty();
        return r;
    }
}
