package dev.deskbridge.host.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.deskbridge.host.e2e.ZendeskStandIn.Failure.APPLIED_THEN_UNAVAILABLE;
import static dev.deskbridge.host.e2e.ZendeskStandIn.Failure.RESET;
import static dev.deskbridge.host.e2e.ZendeskStandIn.Failure.THROTTLED;
import static dev.deskbridge.host.e2e.ZendeskStandIn.Failure.UNAVAILABLE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.testkit.ManualClock;
import dev.deskbridge.host.channel.whatsapp.MetaStub;
import dev.deskbridge.host.plugins.TestJars;
import dev.deskbridge.host.store.Conversation;
import dev.deskbridge.host.store.LedgerEntry;
import dev.deskbridge.host.testing.Hmac;
import dev.deskbridge.host.testing.HostFixture;
import dev.deskbridge.host.testing.HostProbe;
import dev.deskbridge.host.testing.MetaWebhooks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 end to end with the built Zendesk plugin: nothing acknowledged is lost and nothing is
 * written twice while Zendesk fails. Zendesk is a stand-in that remembers every comment with the
 * metadata of the update that wrote it ({@link ZendeskStandIn}); Meta's Graph API is WireMock.
 * Every webhook is sent three times, two of them at once.
 */
class ZendeskUnderFailureEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-09-01T10:00:00Z");
    private static final PhoneNumber BUSINESS = PhoneNumber.of(HostFixture.BUSINESS);
    private static final String MESSAGES = "/" + MetaStub.VERSION + "/" + HostFixture.META_PHONE_NUMBER_ID
            + "/messages";
    private static final String ZENDESK_API_TOKEN = "zd-api-token-0123456789";
    private static final String ZENDESK_SIGNING_SECRET = "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==";
    private static final String ZENDESK_WEBHOOK = "/webhooks/crms/zendesk-main";

    @TempDir
    Path home;

    private final ManualClock clock = new ManualClock(T0);
    private final ExecutorService senders = Executors.newFixedThreadPool(4);
    private MetaStub meta;
    private ZendeskStandIn zendesk;
    private RunningHost host;
    private HostProbe probe;

    @BeforeEach
    void start() throws IOException {
        meta = MetaStub.start();
        // Every send gets its own wamid, as Meta gives.
        meta.server().stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"messaging_product\": \"whatsapp\", "
                        + "\"contacts\": [{\"input\": \"{{jsonPath request.body '$.to'}}\", \"wa_id\": "
                        + "\"{{jsonPath request.body '$.to'}}\"}], \"messages\": [{\"id\": "
                        + "\"wamid.out-{{randomValue length=16 type='ALPHANUMERIC'}}\"}]}")
                .withTransformers("response-template")));
        zendesk = new ZendeskStandIn();
        host = RunningHost.start(home, config(), Map.of(
                "WHATSAPP_ACCESS_TOKEN", MetaStub.ACCESS_TOKEN,
                "WHATSAPP_APP_SECRET", HostFixture.META_APP_SECRET,
                "WHATSAPP_VERIFY_TOKEN", MetaStub.VERIFY_TOKEN,
                "ZENDESK_API_TOKEN", ZENDESK_API_TOKEN,
                "ZENDESK_WEBHOOK_SECRET", ZENDESK_SIGNING_SECRET), clock, TestJars.realPlugin("deskbridge-zendesk"));
        probe = host.probe();
    }

    @AfterEach
    void stop() {
        senders.shutdownNow();
        Received.closeAll(host, meta, zendesk);
    }

    private String config() {
        // Bursts cost attempts: allow enough of them that a burst never makes a dead letter.
        return RunningHost.hostSections().replace("max_attempts: 3", "max_attempts: 12") + """
                channels:
                  - id: wa-main
                    type: whatsapp-cloud
                    config:
                      phone_number_id: "%s"
                      business_number: "%s"
                      access_token: ${WHATSAPP_ACCESS_TOKEN}
                      app_secret: ${WHATSAPP_APP_SECRET}
                      verify_token: ${WHATSAPP_VERIFY_TOKEN}
                      base_url: %s
                crms:
                  - id: zendesk-main
                    type: zendesk
                    config:
                      url: %s
                      email: whatsapp-bot@acme.example
                      api_token: ${ZENDESK_API_TOKEN}
                      webhook_signing_secret: ${ZENDESK_WEBHOOK_SECRET}
                      window_field_id: 360001
                      cost_field_id: 360002
                routes:
                  - channel: wa-main
                    crm: zendesk-main
                    policy: hold-and-reengage
                    reengage_template: { name: reengage_v1, language: en_US, category: utility, body_parameters: [] }
                """.formatted(HostFixture.META_PHONE_NUMBER_ID, HostFixture.BUSINESS, meta.baseUrl(),
                zendesk.baseUrl());
    }

    @Test
    void aSignedWebhookWhileZendeskIsDownIsAcknowledgedAndItsReplyGoesOutOnceZendeskIsBack() {
        PhoneNumber customer = PhoneNumber.of("+12015550140");
        sendThreeTimes(this::postMeta, MetaWebhooks.text("wamid.IN-down-1", customer.e164(), "Is anyone there?",
                T0.minusSeconds(5)));
        Conversation conversation = awaitTicket(customer);
        long ticket = Long.parseLong(conversation.ticket().orElseThrow().id());
        long comment = zendesk.agentComment(ticket, "Yes, we are here.");

        // Zendesk answers 503, then refuses connections: the webhook is still taken and kept.
        zendesk.down(UNAVAILABLE);
        String webhook = webhookBody(ticket, comment, conversation);
        assertThat(postZendesk(webhook).statusCode()).isEqualTo(200);
        assertThat(postZendesk(webhook).statusCode()).as("a repeated delivery").isEqualTo(200);
        assertThat(probe.count("SELECT COUNT(*) FROM inbox WHERE event_type = 'CRM_WEBHOOK'")).isEqualTo(1);
        probe.await("a read that failed on the 503", () -> probe.count("SELECT COUNT(*) FROM inbox WHERE "
                + "event_type = 'CRM_WEBHOOK' AND attempts >= 1 AND last_error LIKE '%503%'") == 1);
        zendesk.down(RESET);
        int failures = zendesk.failuresServed();
        probe.await("a read that failed on the refused connection", () -> zendesk.failuresServed() > failures);
        assertThat(sends()).isEmpty();

        zendesk.up();
        probe.await("the reply sent", () -> sends().size() == 1);
        assertThat(json(sends().get(0)).path("text").path("body").asText()).isEqualTo("Yes, we are here.");
        assertThat(host.output()).doesNotContain("connector_error");
        assertThat(probe.count("SELECT COUNT(*) FROM dead_letters")).isZero();
    }

    @Test
    void everyMessageIsOneCommentAndEveryReplyOneSendThroughRepeatsBurstsAndOutOfOrderStatuses() throws Exception {
        List<PhoneNumber> customers = List.of(PhoneNumber.of("+12015550141"), PhoneNumber.of("+12015550142"),
                PhoneNumber.of("+12015550143"));
        List<String> texts = List.of("ok", "where is my order?", "ok");
        Map<PhoneNumber, Long> tickets = new HashMap<>();
        Map<Long, Long> requesters = new HashMap<>();

        // 1. Each customer's first message opens a ticket, with a throttling burst on the way.
        zendesk.failNext(4, call -> true, THROTTLED);
        for (PhoneNumber customer : customers) {
            sendThreeTimes(this::postMeta, inbound(customer, 0, texts.get(0)));
        }
        for (PhoneNumber customer : customers) {
            long ticket = Long.parseLong(awaitTicket(customer).ticket().orElseThrow().id());
            tickets.put(customer, ticket);
            requesters.put(ticket, zendesk.comments(ticket).get(0).author());
        }

        // 2. The identical texts go on while Zendesk fails. Customer 1: a read fails before the second
        //    "ok" is written (its retry must still write it). Customer 2: the second "ok" is applied but
        //    answered 503 (its retry must find it by its marker, not write it again). Customer 3: 503s and
        //    connection resets on its writes.
        long t1 = tickets.get(customers.get(0));
        long t2 = tickets.get(customers.get(1));
        long t3 = tickets.get(customers.get(2));
        zendesk.failNext(2, call -> call.is("GET", "/api/v2/tickets/" + t1 + "\\.json")
                && call.zendesk().comments(t1).size() == 2, UNAVAILABLE);
        zendesk.failNext(1, call -> call.is("PUT", "/api/v2/tickets/" + t2 + "\\.json") && call.body().contains(
                "\"comment\"") && call.zendesk().comments(t2).size() == 2, APPLIED_THEN_UNAVAILABLE);
        zendesk.failNext(2, call -> call.is("PUT", "/api/v2/tickets/" + t3 + "\\.json")
                && call.body().contains("\"comment\""), UNAVAILABLE);
        zendesk.failNext(1, call -> call.is("PUT", "/api/v2/tickets/" + t3 + "\\.json")
                && call.body().contains("\"comment\""), RESET);
        for (int i = 1; i < texts.size(); i++) {
            for (PhoneNumber customer : customers) {
                sendThreeTimes(this::postMeta, inbound(customer, i, texts.get(i)));
            }
        }
        probe.await("every customer message handled", () -> allCustomerMessagesDone(customers.size() * texts.size()));
        assertThat(zendesk.plansUsedUp()).as("every planned failure happened").isTrue();
        for (PhoneNumber customer : customers) {
            long ticket = tickets.get(customer);
            assertThat(zendesk.comments(ticket)).as("comments on ticket %s", ticket)
                    .extracting(ZendeskStandIn.Comment::body).containsExactlyElementsOf(texts);
            assertThat(zendesk.comments(ticket)).allSatisfy(c -> assertThat(c.author()).isEqualTo(requesters.get(ticket)));
            assertThat(zendesk.comments(ticket)).extracting(c -> c.marker().get("deskbridge_event"))
                    .as("each comment marked with its own message").doesNotHaveDuplicates().doesNotContainNull();
        }
        assertThat(zendesk.ticketCount()).isEqualTo(customers.size());

        // 3. Agents answer, twice "ok" among them; each webhook comes three times while reads fail.
        clock.set(T0.plus(Duration.ofMinutes(30)));
        List<String> answers = List.of("Your order ships today.", "ok", "ok");
        zendesk.failNext(3, call -> call.is("GET", "/api/v2/tickets/\\d+/comments\\.json"), UNAVAILABLE);
        zendesk.failNext(2, call -> call.is("GET", "/api/v2/tickets/\\d+\\.json"), THROTTLED);
        for (String answer : answers) {
            for (PhoneNumber customer : customers) {
                long ticket = tickets.get(customer);
                long comment = zendesk.agentComment(ticket, answer);
                Conversation conversation = probe.conversation(BUSINESS, customer).orElseThrow();
                sendThreeTimes(this::postZendesk, webhookBody(ticket, comment, conversation));
            }
        }
        int expectedSends = customers.size() * answers.size();
        probe.await("every reply sent", () -> sends().size() >= expectedSends
                && probe.count("SELECT COUNT(*) FROM outbox WHERE status <> 'DONE'") == 0);
        for (PhoneNumber customer : customers) {
            assertThat(sends().stream().map(ZendeskUnderFailureEndToEndTest::json)
                    .filter(b -> b.path("to").asText().equals(customer.digits()))
                    .map(b -> b.path("text").path("body").asText()))
                    .as("what %s received", customer).containsExactlyInAnyOrderElementsOf(answers);
        }

        // 4. Statuses come back out of order (read before delivered before sent), each three times.
        clock.set(T0.plus(Duration.ofMinutes(31)));
        List<String> wamids = new ArrayList<>();
        for (PhoneNumber customer : customers) {
            Conversation conversation = probe.conversation(BUSINESS, customer).orElseThrow();
            probe.await("sends ledgered", () -> probe.ledger(conversation.id()).stream()
                    .filter(e -> e.direction().equals("OUT")).allMatch(e -> e.providerMessageId().isPresent()));
            for (LedgerEntry e : probe.ledger(conversation.id())) {
                String wamid = e.providerMessageId().orElseThrow();
                wamids.add(wamid);
                for (String status : List.of("read", "delivered", "sent")) {
                    sendThreeTimes(this::postMeta, MetaWebhooks.status(wamid, customer.e164(), status,
                            clock.instant(), false, "service", "free_customer_service"));
                }
            }
        }
        probe.await("every send settled", () -> probe.count("SELECT COUNT(*) FROM cost_ledger WHERE status <> "
                + "'SETTLED'") == 0 && probe.count("SELECT COUNT(*) FROM inbox WHERE status <> 'DONE'") == 0);

        // Ledger rows one to one with sends, settled as the statuses' pricing says (free service).
        List<String> sentWamids = meta.server().getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().startsWith(MESSAGES))
                .map(e -> json(e.getResponse().getBodyAsString()).path("messages").path(0).path("id").asText())
                .toList();
        assertThat(sentWamids).hasSize(expectedSends);
        assertThat(wamids).containsExactlyInAnyOrderElementsOf(sentWamids);
        assertThat(probe.count("SELECT COUNT(*) FROM cost_ledger")).isEqualTo(expectedSends);
        for (PhoneNumber customer : customers) {
            Conversation conversation = probe.conversation(BUSINESS, customer).orElseThrow();
            assertThat(probe.ledger(conversation.id())).allSatisfy(e -> {
                assertThat(e.providerBillable()).contains(false);
                assertThat(e.settledMetaFee()).hasValueSatisfying(v -> assertThat(v).isZero());
            });
            // Nothing more reached the ticket: the statuses only move tags.
            assertThat(zendesk.comments(tickets.get(customer))).hasSize(texts.size() + answers.size());
        }
        assertThat(probe.count("SELECT COUNT(*) FROM dead_letters")).isZero();
        assertThat(zendesk.failuresServed()).isGreaterThanOrEqualTo(15);
    }

    // ---- helpers

    private boolean allCustomerMessagesDone(int expected) {
        return probe.count("SELECT COUNT(*) FROM inbox WHERE event_type = 'CUSTOMER_MESSAGE' AND status = 'DONE'")
                == expected && probe.count("SELECT COUNT(*) FROM inbox WHERE status <> 'DONE'") == 0;
    }

    private Conversation awaitTicket(PhoneNumber customer) {
        try {
            probe.await("ticket of " + customer, () -> probe.conversation(BUSINESS, customer)
                    .flatMap(Conversation::ticket).isPresent());
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; inbox: " + inbox(), e);
        }
        return probe.conversation(BUSINESS, customer).orElseThrow();
    }

    /** What the inbox holds, for a failure's message. */
    private List<String> inbox() {
        return probe.sql(c -> dev.deskbridge.host.store.Jdbc.query(c, "SELECT event_type, status, attempts, last_error "
                + "FROM inbox ORDER BY id", rs -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getInt(3) + " "
                + rs.getString(4)));
    }

    private static String inbound(PhoneNumber customer, int n, String text) {
        return MetaWebhooks.text("wamid.IN-" + customer.digits() + "-" + n, customer.e164(), text,
                T0.plusSeconds(n));
    }

    /** Posts a webhook twice at once, then once more; each must be answered 200. */
    private void sendThreeTimes(java.util.function.Function<String, HttpResponse<String>> post, String body) {
        List<CompletableFuture<HttpResponse<String>>> first = List.of(
                CompletableFuture.supplyAsync(() -> post.apply(body), senders),
                CompletableFuture.supplyAsync(() -> post.apply(body), senders));
        for (CompletableFuture<HttpResponse<String>> f : first) {
            assertThat(f.join().statusCode()).as("answer to %s", body).isEqualTo(200);
        }
        assertThat(post.apply(body).statusCode()).isEqualTo(200);
    }

    private List<LoggedRequest> sends() {
        return meta.server().findAll(postRequestedFor(urlPathEqualTo(MESSAGES)));
    }

    private HttpResponse<String> postMeta(String json) {
        return probe.post("/webhooks/channels/wa-main", "application/json", Map.of("X-Hub-Signature-256",
                Hmac.sign(HostFixture.META_APP_SECRET, json.getBytes(StandardCharsets.UTF_8))), json);
    }

    private static String webhookBody(long ticket, long comment, Conversation conversation) {
        return "{\"source\":\"deskbridge\",\"ticket_id\":\"" + ticket + "\",\"comment_id\":\"" + comment
                + "\",\"external_id\":\"" + conversation.id().value() + "\",\"updated_by\":\"" + ZendeskStandIn.AGENT
                + "\"}";
    }

    /** Zendesk's webhook, signed over timestamp + body with the signing secret. */
    private HttpResponse<String> postZendesk(String json) {
        String timestamp = clock.instant().toString();
        String signature = Base64.getEncoder().encodeToString(Hmac.mac("HmacSHA256", ZENDESK_SIGNING_SECRET,
                timestamp.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8)));
        return probe.post(ZENDESK_WEBHOOK, "application/json; charset=utf-8", Map.of(
                "X-Zendesk-Webhook-Signature", signature,
                "X-Zendesk-Webhook-Signature-Timestamp", timestamp), json);
    }

    private static JsonNode json(LoggedRequest request) {
        return json(request.getBodyAsString());
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
