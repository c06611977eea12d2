package dev.deskbridge.host.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.deskbridge.host.e2e.Received.only;
import static dev.deskbridge.host.e2e.ZendeskApiStub.REQUESTER;
import static dev.deskbridge.host.e2e.ZendeskApiStub.TICKET;
import static dev.deskbridge.host.e2e.ZendeskApiStub.TICKETS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import dev.deskbridge.connector.api.template.ParameterFormat;
import dev.deskbridge.connector.api.template.TemplateDefinition;
import dev.deskbridge.connector.api.template.TemplateStatus;
import dev.deskbridge.connector.testkit.ManualClock;
import dev.deskbridge.host.channel.whatsapp.MetaStub;
import dev.deskbridge.host.plugins.TestJars;
import dev.deskbridge.host.store.Conversation;
import dev.deskbridge.host.store.LedgerEntry;
import dev.deskbridge.host.templates.TemplateCatalogue;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, the notifications API end to end: {@code deskbridge run} with the built Zendesk plugin
 * and the built-in WhatsApp Cloud channel, Meta's Graph API and Zendesk as WireMock stubs (every
 * request to Meta checked against Meta's OpenAPI description), the admin API's answers checked
 * against the host's own description. Business time is a manual clock in November 2026.
 */
class NotificationsEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-10T09:00:00Z");
    /** A German mobile number: market DE, utility 0.0550 USD on the golden rate card. */
    private static final PhoneNumber CUSTOMER = PhoneNumber.of("+4915112345678");
    private static final PhoneNumber BUSINESS = PhoneNumber.of(HostFixture.BUSINESS);
    private static final String MESSAGES = "/" + MetaStub.VERSION + "/" + HostFixture.META_PHONE_NUMBER_ID
            + "/messages";
    private static final String SENT_WAMID = "wamid.HBgNNDkxNTExMjM0NTY3OBUCABEYEjQ2QjNBQjg5RDQ4QjM2QzUxAA==";
    private static final String SEND_TOKEN = "send-token-for-the-shop-0123";
    private static final String ADMIN_TOKEN = "admin-token-0123456789abcdef";
    private static final String ZENDESK_API_TOKEN = "zd-api-token-0123456789";
    private static final String ZENDESK_SIGNING_SECRET = "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==";

    @TempDir
    Path home;

    private final ManualClock clock = new ManualClock(T0);
    private final ApiExchanges api = new ApiExchanges(() -> this.probe.baseUrl());
    private MetaStub meta;
    private ZendeskApiStub zendesk;
    private RunningHost host;
    private HostProbe probe;

    @BeforeEach
    void start() throws IOException {
        meta = MetaStub.start();
        meta.acceptSends(SENT_WAMID);
        zendesk = new ZendeskApiStub();
        zendesk.newCustomerWithoutTicket("Ann", CUSTOMER.e164());
        host = RunningHost.start(home, config(), Map.of(
                "WHATSAPP_ACCESS_TOKEN", MetaStub.ACCESS_TOKEN,
                "WHATSAPP_APP_SECRET", HostFixture.META_APP_SECRET,
                "WHATSAPP_VERIFY_TOKEN", MetaStub.VERIFY_TOKEN,
                "ZENDESK_API_TOKEN", ZENDESK_API_TOKEN,
                "ZENDESK_WEBHOOK_SECRET", ZENDESK_SIGNING_SECRET,
                "DESKBRIDGE_ADMIN_TOKEN", ADMIN_TOKEN,
                "DESKBRIDGE_SEND_TOKEN", SEND_TOKEN), clock, TestJars.realPlugin("deskbridge-zendesk"));
        probe = host.probe();
        // The channel's catalogue as a sync leaves it (the sync itself is tested with the catalogue).
        new TemplateCatalogue(host.database()).replace("wa-main", List.of(
                template("order_shipped", TemplateStatus.APPROVED, TemplateCategory.UTILITY),
                template("winter_sale", TemplateStatus.PAUSED, TemplateCategory.MARKETING)), T0);
    }

    @AfterEach
    void stop() {
        Received.closeAll(host, meta, zendesk);
    }

    private String config() {
        return RunningHost.hostSections().replace("host:\n", "host:\n  admin_token: ${DESKBRIDGE_ADMIN_TOKEN}\n")
                + WhatsAppTraffic.channelSection(meta.baseUrl()) + """
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
                    policy: refuse
                    monthly_budget: { amount: "1.00", currency: USD }
                messaging:
                  send_token: ${DESKBRIDGE_SEND_TOKEN}
                """.formatted(zendesk.baseUrl(), ZendeskApiStub.WINDOW_FIELD, ZendeskApiStub.COST_FIELD);
    }

    @Test
    void aNotificationToANewCustomerIsQuotedSentTicketedSettledAndTheAnswerLandsOnItsTicket() throws Exception {
        String request = """
                {"to": "%s", "template": "order_shipped", "language": "en_US", "parameters": ["Ann", "A-1001"],
                 "idempotencyKey": "order-A-1001-shipped", "orderReference": "A-1001", "ticket": "open"}"""
                .formatted(CUSTOMER.e164());
        HttpResponse<String> first = send(SEND_TOKEN, request, Map.of());
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        JsonNode answer = JSON.readTree(first.body());
        long id = answer.path("id").asLong();
        JsonNode quote = answer.path("quote");
        assertThat(quote.path("free").asBoolean()).isFalse();
        assertThat(quote.path("category").asText()).isEqualTo("utility");
        assertThat(quote.path("market").asText()).isEqualTo("DE");
        assertThat(quote.path("price").path("amount").asText()).isEqualTo("0.0550");
        assertThat(quote.path("schedule").asText()).isNotBlank();
        assertThat(answer.path("budget").path("left").path("amount").asText()).isEqualTo("0.945");
        assertThat(answer.path("to").asText()).doesNotContain(CUSTOMER.e164());

        // The same key again: the first answer, and nothing more is sent.
        HttpResponse<String> again = send(SEND_TOKEN, request, Map.of());
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(again.body()).isEqualTo(first.body());

        probe.await("the template sent", () -> !meta.server().findAll(postRequestedFor(urlPathEqualTo(MESSAGES)))
                .isEmpty());
        probe.await("the ticket opened", () -> probe.conversation(BUSINESS, CUSTOMER).flatMap(Conversation::ticket)
                .isPresent());
        Thread.sleep(500); // a second send would show now
        JsonNode sent = body(only(meta.server(), postRequestedFor(urlPathEqualTo(MESSAGES))));
        assertThat(sent.path("to").asText()).isEqualTo(CUSTOMER.digits());
        assertThat(sent.path("type").asText()).isEqualTo("template");
        assertThat(sent.path("template").path("name").asText()).isEqualTo("order_shipped");
        assertThat(sent.path("template").toString()).contains("Ann", "A-1001");

        // Zendesk: a new ticket for the conversation, its first comment an internal note with the quote.
        Conversation conversation = probe.conversation(BUSINESS, CUSTOMER).orElseThrow();
        JsonNode ticket = body(only(zendesk.server, postRequestedFor(urlPathEqualTo(TICKETS)))).path("ticket");
        assertThat(ticket.path("external_id").asText()).isEqualTo(conversation.id().value());
        assertThat(ticket.path("requester_id").asLong()).isEqualTo(REQUESTER);
        assertThat(ticket.path("comment").path("public").asBoolean()).isFalse();
        assertThat(ticket.path("comment").path("body").asText()).contains("order_shipped", "utility", "0.0550",
                "A-1001");
        assertThat(conversation.ticket().orElseThrow().id()).isEqualTo(String.valueOf(TICKET));

        // Meta reports it delivered, billed as utility: the ledger settles at the quote.
        probe.await("the send accepted", () -> probe.ledger(conversation.id()).stream()
                .anyMatch(e -> e.providerMessageId().isPresent()));
        clock.set(T0.plusSeconds(30));
        assertThat(postMeta(MetaWebhooks.status(SENT_WAMID, CUSTOMER.e164(), "delivered", clock.instant(), true,
                "utility", "regular")).statusCode()).isEqualTo(200);
        probe.await("the send settled", () -> probe.ledger(conversation.id()).stream()
                .allMatch(e -> e.status().equals("SETTLED")));
        LedgerEntry entry = probe.ledger(conversation.id()).get(0);
        assertThat(entry.settledTotal()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.055"));
        JsonNode state = JSON.readTree(get(SEND_TOKEN, "/api/messages/" + id).body());
        assertThat(state.path("status").asText()).isEqualTo("delivered");
        assertThat(state.path("cost").path("status").asText()).isEqualTo("settled");
        assertThat(state.path("cost").path("settled").path("amount").asText()).isEqualTo("0.055");
        assertThat(state.path("ticket").path("id").asText()).isEqualTo(String.valueOf(TICKET));

        // The customer answers an hour later: on the same ticket, with the service window open.
        zendesk.ticketWithComments(conversation.id().value());
        clock.set(T0.plus(Duration.ofHours(1)));
        assertThat(postMeta(MetaWebhooks.text("wamid.IN-ANSWER", CUSTOMER.e164(), "Thanks, when will it arrive?",
                clock.instant().minusSeconds(2))).statusCode()).isEqualTo(200);
        probe.await("the answer on the ticket", () -> zendesk.server.findAll(putRequestedFor(
                urlPathEqualTo("/api/v2/tickets/" + TICKET + ".json"))).stream()
                .anyMatch(r -> r.getBodyAsString().contains("when will it arrive")));
        assertThat(zendesk.server.findAll(postRequestedFor(urlPathEqualTo(TICKETS)))).as("no second ticket").hasSize(1);
        LoggedRequest comment = zendesk.server.findAll(putRequestedFor(urlPathEqualTo("/api/v2/tickets/" + TICKET
                + ".json"))).stream().filter(r -> r.getBodyAsString().contains("when will it arrive")).findFirst()
                .orElseThrow();
        JsonNode change = body(comment).path("ticket");
        assertThat(change.path("comment").path("author_id").asLong()).isEqualTo(REQUESTER);
        assertThat(change.path("additional_tags").toString()).contains("wa_window_open");
        assertThat(probe.count("SELECT COUNT(*) FROM messages WHERE conversation_id = ? AND direction = 'IN' "
                + "AND window_state = 'OPEN'", conversation.id().value())).isEqualTo(1);
        Conversation after = probe.conversation(BUSINESS, CUSTOMER).orElseThrow();
        assertThat(after.window().serviceWindowEndsAt()).contains(clock.instant().minusSeconds(2)
                .plus(Duration.ofHours(24)));

        meta.assertEveryRequestMatchesDescription();
        assertThat(probe.count("SELECT COUNT(*) FROM dead_letters")).isZero();
        assertThat(host.output()).doesNotContain(SEND_TOKEN, ADMIN_TOKEN, ZENDESK_API_TOKEN);
        validateAgainstDescription();
    }

    @Test
    void stayingOffTheCrmOpensNoTicketUntilTheCustomerAnswers() throws Exception {
        HttpResponse<String> sent = send(ADMIN_TOKEN, """
                {"to": "%s", "template": "order_shipped", "parameters": {"1": "Ann", "2": "A-1002"}, "ticket": "none"}"""
                .formatted(CUSTOMER.e164()), Map.of("Idempotency-Key", "order-A-1002"));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        probe.await("the template sent", () -> !meta.server().findAll(postRequestedFor(urlPathEqualTo(MESSAGES)))
                .isEmpty());
        Thread.sleep(500);
        assertThat(zendesk.server.getAllServeEvents()).as("nothing asked of Zendesk").isEmpty();

        clock.set(T0.plus(Duration.ofMinutes(10)));
        assertThat(postMeta(MetaWebhooks.text("wamid.IN-1002", CUSTOMER.e164(), "Can I change the address?",
                clock.instant().minusSeconds(1))).statusCode()).isEqualTo(200);
        probe.await("the answer opened the ticket", () -> probe.conversation(BUSINESS, CUSTOMER)
                .flatMap(Conversation::ticket).isPresent());
        JsonNode ticket = body(only(zendesk.server, postRequestedFor(urlPathEqualTo(TICKETS)))).path("ticket");
        assertThat(ticket.path("comment").path("body").asText()).isEqualTo("Can I change the address?");
        assertThat(ticket.path("comment").path("public").asBoolean()).isTrue();
        validateAgainstDescription();
    }

    @Test
    void refusalsAre4xxWithTheirReasonCodeAndSendNothing() throws Exception {
        meta.acceptSendsWithUniqueIds();
        assertRefused(send(SEND_TOKEN, request("winter_sale", CUSTOMER.e164(), "[\"Ann\", \"A\"]"), Map.of()), 422,
                "template_paused");
        assertRefused(send(SEND_TOKEN, request("no_such_template", CUSTOMER.e164(), "[]"), Map.of()), 422,
                "template_not_found");
        assertRefused(send(SEND_TOKEN, request("order_shipped", CUSTOMER.e164(), "[\"Ann\"]"), Map.of()), 422,
                "parameter_missing");
        assertRefused(send(SEND_TOKEN, request("order_shipped", "+4900000", "[\"Ann\", \"A\"]"), Map.of()), 422,
                "invalid_number");
        // 18 billed messages of 0.0550 fit the budget of 1.00 USD, the 19th does not.
        for (int i = 0; i < 18; i++) {
            assertThat(send(SEND_TOKEN, request("order_shipped", "+49151123456" + (10 + i), "[\"Ann\", \"A\"]"),
                    Map.of()).statusCode()).isEqualTo(202);
        }
        assertRefused(send(SEND_TOKEN, request("order_shipped", CUSTOMER.e164(), "[\"Ann\", \"A\"]"), Map.of()), 402,
                "budget_exhausted");
        assertRefused(send(SEND_TOKEN, "{\"to\": \"4915112345678\", \"template\": \"order_shipped\"}", Map.of()), 400,
                "bad_request");
        assertRefused(send(SEND_TOKEN, "{\"to\": \"+4915112345678\", \"template\": \"x\", \"idempotencykey\": \"k\"}",
                Map.of()), 400, "bad_request");
        // Past Jackson's nesting limit, whose error has no position: a 500 (NullPointerException) before.
        assertRefused(send(SEND_TOKEN, "[".repeat(5_000) + "]".repeat(5_000), Map.of()), 400, "bad_request");
        HttpResponse<String> cut = send(SEND_TOKEN, "{\"to\": ", Map.of());
        assertRefused(cut, 400, "bad_request");
        assertThat(JSON.readTree(cut.body()).path("message").asText()).contains("not JSON (line 1, column");
        // Wrong token: refused before anything is read. The send token opens nothing else.
        assertThat(send("not-the-send-token-at-all", request("order_shipped", CUSTOMER.e164(), "[]"), Map.of())
                .statusCode()).isEqualTo(401);
        assertThat(get(SEND_TOKEN, "/api/conversations").statusCode()).isEqualTo(401);
        assertThat(get(SEND_TOKEN, "/api/messages/999999").statusCode()).isEqualTo(404);
        assertThat(probe.count("SELECT COUNT(*) FROM outbox WHERE source_id = 'api'")).isEqualTo(18);
        assertThat(probe.count("SELECT COUNT(*) FROM conversations WHERE customer = ?", CUSTOMER.e164()))
                .as("a refused send leaves no conversation behind").isZero();
        validateAgainstDescription();
    }

    @Test
    void theCommandLineSendsThroughTheRunningHost() throws Exception {
        String printed = host.cli("send", "--url", probe.baseUrl(), "--template", "order_shipped", "--to",
                CUSTOMER.e164(), "--param", "1=Ann", "--param", "2=A-1003", "--idempotency-key", "cli-A-1003",
                "--ticket", "none");
        assertThat(printed).contains("Queued message", "order_shipped", "quoted 0.055", "DE", "utility",
                "budget left this month: 0.945 USD");
        String repeated = host.cli("send", "--url", probe.baseUrl(), "--template", "order_shipped", "--to",
                CUSTOMER.e164(), "--param", "1=Ann", "--param", "2=A-1003", "--idempotency-key", "cli-A-1003",
                "--ticket", "none");
        assertThat(repeated).contains("Already queued");
        probe.await("the template sent", () -> !meta.server().findAll(postRequestedFor(urlPathEqualTo(MESSAGES)))
                .isEmpty());
        Thread.sleep(500);
        assertThat(meta.server().findAll(postRequestedFor(urlPathEqualTo(MESSAGES)))).hasSize(1);
        assertThat(zendesk.server.findAll(getRequestedFor(urlPathMatching("/api/v2/.*")))).isEmpty();
    }

    private static String request(String template, String to, String parameters) {
        return "{\"to\": \"" + to + "\", \"template\": \"" + template + "\", \"parameters\": " + parameters
                + ", \"ticket\": \"none\"}";
    }

    private static void assertRefused(HttpResponse<String> r, int status, String code) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(JSON.readTree(r.body()).path("error").asText()).as(r.body()).isEqualTo(code);
    }

    private static TemplateDefinition template(String name, TemplateStatus status, TemplateCategory category) {
        return new TemplateDefinition("10" + Math.abs(name.hashCode()), name, name, "en_US", status,
                Optional.of(category), ParameterFormat.POSITIONAL, "Hi {{1}}, order {{2}} has shipped.",
                List.of("1", "2"), Optional.empty(), List.of(), List.of(), "[]");
    }

    private HttpResponse<String> send(String token, String json, Map<String, String> headers) throws Exception {
        return api.post(token, "/api/messages", json, headers);
    }

    private HttpResponse<String> get(String token, String path) throws Exception {
        return api.get(token, path);
    }

    /** Every answer of the notifications API this test received, against the host's OpenAPI description. */
    private void validateAgainstDescription() throws Exception {
        api.validate(r -> r.uri().getPath().startsWith("/api/messages") && r.statusCode() != 401, r -> r.statusCode() != 400);
    }

    private HttpResponse<String> postMeta(String json) {
        return probe.post("/webhooks/channels/wa-main", "application/json", Map.of("X-Hub-Signature-256",
                Hmac.sign(HostFixture.META_APP_SECRET, json.getBytes(StandardCharsets.UTF_8))), json);
    }

    private static JsonNode body(LoggedRequest request) throws IOException {
        return JSON.readTree(request.getBodyAsString());
    }
}
