package dev.deskbridge.host.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.deskbridge.host.e2e.Received.only;
import static dev.deskbridge.host.e2e.ZendeskApiStub.AGENT;
import static dev.deskbridge.host.e2e.ZendeskApiStub.REQUESTER;
import static dev.deskbridge.host.e2e.ZendeskApiStub.TICKET;
import static dev.deskbridge.host.e2e.ZendeskApiStub.TICKETS;
import static dev.deskbridge.host.e2e.ZendeskApiStub.comment;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.testkit.ManualClock;
import dev.deskbridge.host.channel.whatsapp.MetaStub;
import dev.deskbridge.host.costs.LedgerQueries;
import dev.deskbridge.host.plugins.TestJars;
import dev.deskbridge.host.store.Conversation;
import dev.deskbridge.host.store.LedgerEntry;
import dev.deskbridge.host.testing.Hmac;
import dev.deskbridge.host.testing.HostFixture;
import dev.deskbridge.host.testing.HostProbe;
import dev.deskbridge.host.testing.MetaWebhooks;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6 end to end: the Zendesk plugin file the build produced, loaded by {@code deskbridge run}
 * next to the built-in WhatsApp Cloud channel, with the engine on an embedded H2 database. Meta's
 * Graph API and Zendesk are WireMock stubs on loopback; business time is a manual clock in
 * September 2026 (PMP-2025-07: a service reply inside the window is free).
 */
class ZendeskEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-09-01T10:00:00Z");
    private static final PhoneNumber CUSTOMER = PhoneNumber.of(HostFixture.CUSTOMER);
    private static final String MESSAGES = "/" + MetaStub.VERSION + "/" + HostFixture.META_PHONE_NUMBER_ID
            + "/messages";
    private static final PhoneNumber BUSINESS = PhoneNumber.of(HostFixture.BUSINESS);
    private static final String SENT_WAMID = "wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI3NjVGRjk5RjA1NkNGMUU2MzAA";
    private static final String ZENDESK_API_TOKEN = "zd-api-token-0123456789";
    private static final String ZENDESK_SIGNING_SECRET = "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==";
    private static final String ZENDESK_WEBHOOK = "/webhooks/crms/zendesk-main";

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
        meta.acceptSends(SENT_WAMID);
        zendesk = new ZendeskApiStub();
        zendesk.newCustomerWithoutTicket("Ann", CUSTOMER.e164());
        host = RunningHost.start(home, config(), Map.of(
                "WHATSAPP_ACCESS_TOKEN", MetaStub.ACCESS_TOKEN,
                "WHATSAPP_APP_SECRET", HostFixture.META_APP_SECRET,
                "WHATSAPP_VERIFY_TOKEN", MetaStub.VERIFY_TOKEN,
                "ZENDESK_API_TOKEN", ZENDESK_API_TOKEN,
                "ZENDESK_WEBHOOK_SECRET", ZENDESK_SIGNING_SECRET), clock, plugin);
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
                routes:
                  - channel: wa-main
                    crm: zendesk-main
                    policy: hold-and-reengage
                    reengage_template: { name: reengage_v1, language: en_US, category: utility, body_parameters: [] }
                """.formatted(zendesk.baseUrl(), ZendeskApiStub.WINDOW_FIELD, ZendeskApiStub.COST_FIELD);
    }

    @Test
    void customerMessageBecomesATicketAndTheAgentsCommentGoesBackToWhatsAppFree() throws IOException {
        // 1. The customer writes on WhatsApp: Zendesk gets a new end user and a ticket.
        String question = "Hello, my order 4711 has not arrived yet";
        String inbound = MetaWebhooks.text("wamid.IN-1", CUSTOMER.e164(), question, T0.minusSeconds(5));
        assertThat(postMeta(inbound).statusCode()).isEqualTo(200);
        probe.await("ticket recorded on the conversation",
                () -> probe.conversation(BUSINESS, CUSTOMER).flatMap(Conversation::ticket).isPresent());
        Conversation conversation = probe.conversation(BUSINESS, CUSTOMER).orElseThrow();
        assertThat(conversation.ticket().orElseThrow().id()).isEqualTo(String.valueOf(TICKET));

        JsonNode user = body(only(zendesk.server, postRequestedFor(
                urlPathEqualTo("/api/v2/users/create_or_update.json")))).path("user");
        assertThat(user.path("external_id").asText()).isEqualTo(CUSTOMER.e164());
        assertThat(user.path("name").asText()).isEqualTo("Ann");
        assertThat(user.path("identities").path(0).path("value").asText()).isEqualTo(CUSTOMER.e164());
        LoggedRequest create = only(zendesk.server, postRequestedFor(urlPathEqualTo(TICKETS)));
        assertThat(create.getHeader("Idempotency-Key")).isNotBlank();
        JsonNode ticket = body(create).path("ticket");
        assertThat(ticket.path("external_id").asText()).isEqualTo(conversation.id().value());
        assertThat(ticket.path("requester_id").asLong()).isEqualTo(REQUESTER);
        assertThat(ticket.path("tags")).extracting(JsonNode::asText).contains("whatsapp", "wa_window_open");
        assertThat(ticket.path("comment").path("body").asText()).isEqualTo(question);
        assertThat(ticket.path("comment").path("public").asBoolean()).isTrue();
        assertThat(ticket.path("comment").path("author_id").asLong()).isEqualTo(REQUESTER);

        // 2. An hour later an agent answers on the ticket; Zendesk's trigger calls DeskBridge.
        clock.set(T0.plus(Duration.ofHours(1)));
        String answer = "Hi Ann, your parcel left our warehouse this morning.";
        zendesk.ticketWithComments(conversation.id().value(),
                comment(8002, AGENT, true, answer),
                comment(8001, REQUESTER, true, question));
        // A forged call is refused before the plugin asks Zendesk anything.
        String pointer = webhookBody(conversation, 8002);
        assertThat(postZendesk(pointer, "not-the-signing-secret").statusCode()).isEqualTo(401);
        assertThat(zendesk.server.findAll(getRequestedFor(urlPathMatching("/api/v2/tickets/" + TICKET + ".*"))))
                .isEmpty();

        assertThat(postZendesk(pointer, ZENDESK_SIGNING_SECRET).statusCode()).isEqualTo(200);
        probe.await("the reply sent to WhatsApp", () -> !meta.server().findAll(
                postRequestedFor(urlPathEqualTo(MESSAGES))).isEmpty());
        JsonNode send = body(only(meta.server(), postRequestedFor(urlPathEqualTo(MESSAGES))));
        assertThat(send.path("to").asText()).isEqualTo(CUSTOMER.digits());
        assertThat(send.path("type").asText()).isEqualTo("text");
        assertThat(send.path("text").path("body").asText()).isEqualTo(answer);

        // The customer's own comment, which DeskBridge wrote, never goes back to WhatsApp.
        long repliesStored = crmInboxRows();
        assertThat(postZendesk(webhookBody(conversation, 8001), ZENDESK_SIGNING_SECRET).statusCode()).isEqualTo(200);
        awaitWebhooksRead();
        assertThat(crmInboxRows()).isEqualTo(repliesStored);

        // 3. Meta reports the reply delivered, free (customer service): the ledger settles at zero.
        probe.await("the send ledgered", () -> probe.ledger(conversation.id()).stream()
                .anyMatch(e -> e.providerMessageId().isPresent()));
        clock.set(T0.plus(Duration.ofHours(1)).plusSeconds(10));
        assertThat(postMeta(MetaWebhooks.status(SENT_WAMID, CUSTOMER.e164(), "delivered", clock.instant(), false,
                "service", "free_customer_service")).statusCode()).isEqualTo(200);
        probe.await("the send settled", () -> probe.ledger(conversation.id()).stream()
                .allMatch(e -> e.status().equals("SETTLED")));
        LedgerEntry entry = onlyRow(probe.ledger(conversation.id()));
        assertThat(entry.providerMessageId()).contains(SENT_WAMID);
        assertThat(entry.direction()).isEqualTo("OUT");
        assertThat(entry.billable()).isFalse();
        assertThat(entry.category()).contains("service");
        assertThat(entry.quotedTotal()).isEqualByComparingTo("0");
        assertThat(entry.settledMetaFee()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0"));
        assertThat(entry.settledChannelFee()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0"));
        assertThat(entry.providerBillable()).contains(false);
        assertThat(entry.providerType()).contains("free_customer_service");
        assertThat(probe.sql(c -> LedgerQueries.conversationCost(c, conversation.id(), Currency.getInstance("USD")))
                .amount()).isEqualByComparingTo("0");
        // The ticket shows the delivery with one tag, not a comment.
        probe.await("delivery shown on the ticket", () -> zendesk.server.findAll(putRequestedFor(
                urlPathEqualTo("/api/v2/tickets/" + TICKET + ".json"))).stream()
                .anyMatch(r -> r.getBodyAsString().contains("wa_delivered")));

        meta.assertEveryRequestMatchesDescription();
        // API token authentication: "{email}/token:{api_token}", as Zendesk documents it.
        String basic = "Basic " + Base64.getEncoder().encodeToString(("whatsapp-bot@acme.example/token:"
                + ZENDESK_API_TOKEN).getBytes(StandardCharsets.UTF_8));
        assertThat(zendesk.server.findAll(anyRequestedFor(urlPathMatching("/api/v2/.*"))))
                .allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo(basic));
        assertThat(host.output()).doesNotContain(MetaStub.ACCESS_TOKEN, HostFixture.META_APP_SECRET,
                ZENDESK_API_TOKEN, ZENDESK_SIGNING_SECRET);
        assertThat(probe.count("SELECT COUNT(*) FROM dead_letters")).isZero();
    }

    @Test
    void aTicketDeletedInZendeskMakesNoDeadLetterAndTheCustomersNextMessageOpensANewTicket() throws IOException {
        String question = "Hello, my order 4711 has not arrived yet";
        assertThat(postMeta(MetaWebhooks.text("wamid.IN-1", CUSTOMER.e164(), question, T0.minusSeconds(5)))
                .statusCode()).isEqualTo(200);
        probe.await("ticket recorded on the conversation",
                () -> probe.conversation(BUSINESS, CUSTOMER).flatMap(Conversation::ticket).isPresent());
        Conversation conversation = probe.conversation(BUSINESS, CUSTOMER).orElseThrow();
        clock.set(T0.plus(Duration.ofHours(1)));
        zendesk.ticketWithComments(conversation.id().value(),
                comment(8002, AGENT, true, "Hi Ann, your parcel left our warehouse this morning."),
                comment(8001, REQUESTER, true, question));
        assertThat(postZendesk(webhookBody(conversation, 8002), ZENDESK_SIGNING_SECRET).statusCode()).isEqualTo(200);
        probe.await("the reply sent to WhatsApp", () -> !meta.server().findAll(
                postRequestedFor(urlPathEqualTo(MESSAGES))).isEmpty());

        // An agent deletes the ticket; then Meta says the reply could not be delivered.
        long next = TICKET + 1;
        zendesk.ticketDeleted(next);
        clock.set(T0.plus(Duration.ofHours(1)).plusSeconds(10));
        assertThat(postMeta(MetaWebhooks.failed(SENT_WAMID, CUSTOMER.e164(), clock.instant(), 131026,
                "Message undeliverable", "Unable to deliver message")).statusCode()).isEqualTo(200);
        probe.await("the failure told to the CRM", () -> probe.count("SELECT COUNT(*) FROM message_statuses"
                + " WHERE status = 'FAILED' AND crm_recorded") == 1);
        // The tag and the note were tried on the deleted ticket and skipped: no dead letter to clear.
        assertThat(zendesk.server.findAll(putRequestedFor(urlPathEqualTo("/api/v2/tickets/" + TICKET + ".json")))
                .stream().anyMatch(r -> r.getBodyAsString().contains("wa_delivery_failed"))).isTrue();
        assertThat(zendesk.server.findAll(getRequestedFor(urlPathEqualTo("/api/v2/tickets/" + TICKET
                + "/audits.json")))).as("the note looked for").isNotEmpty();
        assertThat(probe.count("SELECT COUNT(*) FROM dead_letters")).isZero();

        // The customer writes again: the message is not lost, it opens a new ticket the host keeps.
        String again = "Did you see my message?";
        assertThat(postMeta(MetaWebhooks.text("wamid.IN-2", CUSTOMER.e164(), again, clock.instant()))
                .statusCode()).isEqualTo(200);
        probe.await("the new ticket recorded on the conversation", () -> probe.conversation(BUSINESS, CUSTOMER)
                .flatMap(Conversation::ticket).filter(t -> t.id().equals(String.valueOf(next))).isPresent());
        List<LoggedRequest> creates = zendesk.server.findAll(postRequestedFor(urlPathEqualTo(TICKETS)));
        assertThat(creates).hasSize(2);
        JsonNode created = body(creates.get(1)).path("ticket");
        assertThat(created.path("comment").path("body").asText()).isEqualTo(again);
        assertThat(created.path("external_id").asText()).isEqualTo(conversation.id().value());
        assertThat(created.has("via_followup_source_id")).isFalse();
        assertThat(probe.count("SELECT COUNT(*) FROM dead_letters")).isZero();
    }

    /** Agent replies queued from the CRM's webhooks. */
    private long crmInboxRows() {
        return probe.count("SELECT COUNT(*) FROM inbox WHERE source_id = 'crm:zendesk-main' AND event_type = 'AGENT_REPLY'");
    }

    /** Waits until every stored CRM webhook has been read. */
    private void awaitWebhooksRead() {
        probe.await("the CRM's webhooks read", () -> probe.count("SELECT COUNT(*) FROM inbox WHERE source_id = 'crm:zendesk-main'"
                + " AND event_type = 'CRM_WEBHOOK' AND status <> 'DONE'") == 0);
    }

    /** Meta's webhook, signed with the app secret as Meta signs ({@code X-Hub-Signature-256}). */
    private HttpResponse<String> postMeta(String json) {
        return probe.post("/webhooks/channels/wa-main", "application/json", Map.of("X-Hub-Signature-256",
                Hmac.sign(HostFixture.META_APP_SECRET, json.getBytes(StandardCharsets.UTF_8))), json);
    }

    // ---- Zendesk's webhook: the trigger's JSON body, signed over timestamp + body

    private static String webhookBody(Conversation conversation, long commentId) {
        return "{\"source\":\"deskbridge\",\"ticket_id\":\"" + TICKET + "\",\"comment_id\":\"" + commentId
                + "\",\"external_id\":\"" + conversation.id().value() + "\",\"requester_id\":\"" + REQUESTER
                + "\",\"tags\":\"whatsapp wa_window_open\",\"updated_by\":\"" + AGENT + "\"}";
    }

    private HttpResponse<String> postZendesk(String json, String secret) {
        String timestamp = clock.instant().toString();
        String signature = Base64.getEncoder().encodeToString(Hmac.mac("HmacSHA256", secret,
                timestamp.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8)));
        return probe.post(ZENDESK_WEBHOOK, "application/json; charset=utf-8", Map.of(
                "X-Zendesk-Webhook-Signature", signature,
                "X-Zendesk-Webhook-Signature-Timestamp", timestamp), json);
    }

    private static LedgerEntry onlyRow(List<LedgerEntry> rows) {
        assertThat(rows).as("ledger rows of the conversation").hasSize(1);
        return rows.get(0);
    }

    private static JsonNode body(LoggedRequest request) throws IOException {
        return JSON.readTree(request.getBodyAsString());
    }
}
