package dev.deskbridge.host.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.deskbridge.host.e2e.TwilioApiStub.AUTH_TOKEN;
import static dev.deskbridge.host.e2e.TwilioApiStub.MESSAGES_API;
import static dev.deskbridge.host.e2e.TwilioApiStub.form;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.testkit.ManualClock;
import dev.deskbridge.host.e2e.ConversationsStandIn.Conv;
import dev.deskbridge.host.plugins.TestJars;
import dev.deskbridge.host.store.Conversation;
import dev.deskbridge.host.store.LedgerEntry;
import dev.deskbridge.host.testing.HostProbe;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20 end to end: the Twilio plugin file the build produced, in {@code deskbridge run}, on
 * the {@code twilio-whatsapp} to {@code twilio-conversations} route, against a stateful stand-in of
 * the Conversations API with a load balancer in front that answers bursts of HTML 503 pages.
 * Retries are real time (1 s doubling); the retry budget is 6 attempts.
 */
class TwilioFaultsEndToEndTest {
    private static final Instant T0 = Instant.parse("2026-10-05T08:00:00Z");
    private static final PhoneNumber SENDER = PhoneNumber.of("+14155238886");
    private static final String SENT_SID = "SM0f9e8d7c6b5a49382716a5b4c3d2e1f0";
    private static final String CHANNEL_WEBHOOK = "/webhooks/channels/twilio-wa";
    private static final String CRM_WEBHOOK = "/webhooks/crms/flex";
    private static final String CONVERSATIONS_ANY = "/v1/Conversations(/.*)?";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private final ManualClock clock = new ManualClock(T0);
    private TwilioApiStub twilio;
    private ConversationsStandIn conversations;
    private RunningHost host;
    private HostProbe probe;

    @BeforeEach
    void start() throws IOException {
        Path plugin = TestJars.realPlugin("deskbridge-twilio");
        twilio = new TwilioApiStub();
        twilio.conversationsStandIn(SENT_SID);
        conversations = twilio.conversations;
        host = RunningHost.start(home, config(), Map.of("TWILIO_AUTH_TOKEN", AUTH_TOKEN), clock, plugin);
        probe = host.probe();
    }

    @AfterEach
    void stop() {
        Received.closeAll(host, twilio);
    }

    private String config() {
        return RunningHost.hostSections(6) + twilio.routeConfig(SENDER, CHANNEL_WEBHOOK);
    }

    private static PhoneNumber customer(int i) {
        return PhoneNumber.of("+55119876500" + String.format("%02d", i));
    }

    private static String inboundSid(int i) {
        return "SM" + String.format("%032x", 0xa000 + i);
    }

    private void customerWrites(int i, String text) {
        assertThat(TwilioWebhooks.post(probe, CHANNEL_WEBHOOK, TwilioWebhooks.inboundText(inboundSid(i), customer(i),
                SENDER, "Customer " + i, text)).statusCode()).isEqualTo(200);
    }

    private long ticketsRecorded() {
        return probe.count("SELECT COUNT(*) FROM conversations WHERE ticket_id IS NOT NULL");
    }

    private String deadLetters() {
        return probe.sql(c -> dev.deskbridge.host.store.Jdbc.query(c, "SELECT reason FROM dead_letters",
                rs -> rs.getString(1))).toString();
    }

    @Test
    void anHtml503BurstDelaysCustomerMessagesButLosesNoneAndLeavesNoConversationWithoutItsCustomer() {
        // The load balancer in front of Twilio answers 18 requests with its HTML 503 page, cutting
        // creations at every step: the Conversation, the participant, the record of the steps, the message.
        conversations.failNext("POST", "/v1/Conversations", 4, Optional.of("1"));
        conversations.failNext("POST", "/v1/Conversations/[^/]+/Participants", 6, Optional.empty());
        conversations.failNext("POST", "/v1/Conversations/[^/]+", 4, Optional.empty());
        conversations.failNext("POST", "/v1/Conversations/[^/]+/Messages", 4, Optional.of("1"));
        int customers = 10;
        for (int i = 0; i < customers; i++) {
            customerWrites(i, "Pedido " + i + " não chegou");
        }

        probe.await("every customer's Conversation recorded as a ticket", () -> ticketsRecorded() == customers);
        probe.await("the inbox done", () -> probe.count("SELECT COUNT(*) FROM inbox WHERE status <> 'DONE'") == 0);

        assertThat(conversations.served503()).as("the whole burst was answered").isEqualTo(18);
        assertThat(deadLetters()).isEqualTo("[]");
        assertThat(conversations.conversations()).hasSize(customers);
        for (int i = 0; i < customers; i++) {
            Conversation mine = probe.conversation(SENDER, customer(i)).orElseThrow();
            Conv conv = conversations.byUniqueName(mine.id().value()).orElseThrow();
            String identity = "whatsapp:" + customer(i).e164();
            assertThat(conv.participants).as("participants of %s", conv.uniqueName).containsOnlyKeys(identity);
            assertThat(conv.messages).as("messages of %s", conv.uniqueName).singleElement()
                    .satisfies(m -> assertThat(m).containsEntry("Author", identity));
            assertThat(conv.messages.get(0).get("Body")).startsWith("Pedido " + i + " ");
            assertThat(json(conv.attributes).path("deskbridge").path("setup").path("customer").asBoolean()).isTrue();
            assertThat(mine.ticket().orElseThrow().id()).isEqualTo(conv.sid);
        }
        // Retried, not given up: the host says how often.
        assertThat(probe.count("SELECT SUM(attempts) FROM inbox")).isGreaterThan(customers);
    }

    @Test
    void inboundTwilioFeesSettleSoTheCostReportHasNoPendingRows() {
        for (int i = 0; i < 3; i++) {
            customerWrites(i, "Oi " + i);
        }
        probe.await("the three tickets recorded", () -> ticketsRecorded() == 3);
        // Twilio reports its price for the second received message: it replaces the configured fee.
        assertThat(TwilioWebhooks.post(probe, CHANNEL_WEBHOOK, TwilioWebhooks.status(inboundSid(1), "received",
                customer(1), SENDER, "-0.00450")).statusCode()).isEqualTo(200);
        probe.await("Twilio's price settled", () -> inbound(1).settledChannelFee()
                .filter(v -> v.compareTo(new BigDecimal("0.0045")) == 0).isPresent());

        for (int i = 0; i < 3; i++) {
            LedgerEntry in = inbound(i);
            assertThat(in.status()).as("customer %d", i).isEqualTo("SETTLED");
            assertThat(in.settledMetaFee()).hasValueSatisfying(v -> assertThat(v).isZero());
        }
        assertThat(inbound(0).settledChannelFee()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.005"));

        JsonNode report = json(host.cli("costs", "--month", "2026-10", "--format", "json"));
        JsonNode totals = report.path("totals").get(0);
        assertThat(totals.path("messages").asLong()).isEqualTo(3);
        assertThat(totals.path("pending").asLong()).isZero();
        assertThat(new BigDecimal(totals.path("channelFee").asText())).isEqualByComparingTo("0.0145");
        assertThat(new BigDecimal(totals.path("settled").asText())).isEqualByComparingTo("0.0145");
        assertThat(new BigDecimal(totals.path("metaFee").asText())).isZero();
        assertThat(probe.count("SELECT COUNT(*) FROM bad_records")).as("the received callback is no bad record")
                .isZero();
    }

    @Test
    void anAgentsReplyArrivingBeforeTheTicketIsRecordedIsSentOnceTheCustomersMessageLands() {
        // The customer's message reaches a new Conversation, but posting it meets a 503 asking for
        // 3 s: the host does not know the Conversation as its ticket yet.
        conversations.failNext("POST", "/v1/Conversations/[^/]+/Messages", 1, Optional.of("3"));
        customerWrites(0, "Oi, meu pedido não chegou");
        probe.await("the conversation stored", () -> probe.conversation(SENDER, customer(0)).isPresent());
        String name = probe.conversation(SENDER, customer(0)).orElseThrow().id().value();
        probe.await("the Conversation made at Twilio", () -> conversations.byUniqueName(name).isPresent());
        String sid = conversations.byUniqueName(name).orElseThrow().sid;
        assertThat(ticketsRecorded()).isZero();

        // An agent in Flex already sees the Conversation and answers.
        clock.set(T0.plus(Duration.ofMinutes(1)));
        String answer = "Olá! Vou verificar o seu pedido.";
        assertThat(TwilioWebhooks.post(probe, CRM_WEBHOOK, TwilioWebhooks.messageAdded(sid,
                "IMb0c1d2e3f405162738495a6b7c8d9e0f", "agent.maria@example.com", "SDK", "{}", answer)).statusCode())
                .isEqualTo(200);

        probe.await("the reply sent through Twilio", () -> !sends().isEmpty());
        assertThat(ticketsRecorded()).isEqualTo(1);
        LoggedRequest send = sends().get(0);
        assertThat(form(send.getBodyAsString())).containsEntry("To", "whatsapp:" + customer(0).e164())
                .containsEntry("Body", answer);
        probe.await("the inbox done", () -> probe.count("SELECT COUNT(*) FROM inbox WHERE status <> 'DONE'") == 0);
        assertThat(sends()).hasSize(1);
        assertThat(probe.count("SELECT attempts FROM inbox WHERE source_id = 'crm:flex'"
                + " AND event_type = 'AGENT_REPLY'"))
                .as("the reply waited for the ticket").isGreaterThan(1);
        assertThat(deadLetters()).isEqualTo("[]");
    }

    @Test
    void aReplyWhoseSendMeetsAProxysHtml503IsSentOnTheRetry() {
        twilio.server.stubFor(post(urlPathEqualTo(MESSAGES_API)).atPriority(1).inScenario("send")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(503)
                        .withHeader("Content-Type", "text/html").withHeader("Retry-After", "1")
                        .withBody("<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>"))
                .willSetStateTo("up"));
        customerWrites(0, "Oi");
        probe.await("the ticket recorded", () -> ticketsRecorded() == 1);
        String sid = probe.conversation(SENDER, customer(0)).orElseThrow().ticket().orElseThrow().id();

        clock.set(T0.plus(Duration.ofMinutes(1)));
        assertThat(TwilioWebhooks.post(probe, CRM_WEBHOOK, TwilioWebhooks.messageAdded(sid,
                "IMc0c1d2e3f405162738495a6b7c8d9e0f", "agent.maria@example.com", "SDK", "{}", "Olá!")).statusCode())
                .isEqualTo(200);

        probe.await("the reply accepted by Twilio", () -> probe.ledger(probe.conversation(SENDER, customer(0))
                .orElseThrow().id()).stream().anyMatch(e -> e.providerMessageId().isPresent()));
        assertThat(sends()).as("the refused send, then the one Twilio took").hasSize(2);
        assertThat(deadLetters()).isEqualTo("[]");
        // A proxy's answer is a refusal, not a send Twilio may have: no possible-duplicate note.
        assertThat(probe.count("SELECT COUNT(*) FROM inbox WHERE event_id LIKE 'notice:POSSIBLE_DUPLICATE:%'")).isZero();
    }

    @Test
    void aReplyWhoseSendMeetsAGatewaysHtml502IsNotSentAgainOnceTwiliosStatusNamesIt() {
        // The gateway passed the send on, Twilio made the message, and the gateway answered its own 502
        // page: whether Twilio took it is unknown to the host.
        twilio.server.stubFor(post(urlPathEqualTo(MESSAGES_API)).atPriority(1).inScenario("send")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(502)
                        .withHeader("Content-Type", "text/html")
                        .withBody("<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1>"
                                + "</body></html>"))
                .willSetStateTo("up"));
        customerWrites(0, "Oi");
        probe.await("the ticket recorded", () -> ticketsRecorded() == 1);
        String sid = probe.conversation(SENDER, customer(0)).orElseThrow().ticket().orElseThrow().id();

        clock.set(T0.plus(Duration.ofMinutes(1)));
        assertThat(TwilioWebhooks.post(probe, CRM_WEBHOOK, TwilioWebhooks.messageAdded(sid,
                "IMd0c1d2e3f405162738495a6b7c8d9e0f", "agent.maria@example.com", "SDK", "{}", "Olá!")).statusCode())
                .isEqualTo(200);
        probe.await("the reply handed to Twilio", () -> !sends().isEmpty());
        long outboxId = probe.count("SELECT MAX(id) FROM outbox");
        // The next attempt comes after the 1 s backoff: it waits for Twilio's status instead of sending again
        // (had it sent again, the item would be done).
        probe.await("the second attempt over", () -> probe.count("SELECT COUNT(*) FROM outbox WHERE id = ? AND "
                + "attempts >= 2 AND (status = 'DONE' OR last_error LIKE '%waiting for the provider''s status%')",
                outboxId) == 1);
        assertThat(sends()).as("not sent again while Twilio's status may name it").hasSize(1);

        // Twilio's status of the message it made names the send in its callback URL: that is the answer.
        String taken = "SMf8effffce0123456789abcdef0123456";
        assertThat(TwilioWebhooks.post(probe, CHANNEL_WEBHOOK + "?deskbridge_send=" + outboxId,
                TwilioWebhooks.status(taken, "sent", SENDER, customer(0), "0")).statusCode()).isEqualTo(200);
        probe.await("the reply known as Twilio's message", () -> probe.count(
                "SELECT COUNT(*) FROM messages WHERE provider_message_id = ?", taken) == 1);
        assertThat(sends()).as("sent once").hasSize(1);
        assertThat(deadLetters()).isEqualTo("[]");
        assertThat(probe.count("SELECT COUNT(*) FROM inbox WHERE event_id LIKE 'notice:POSSIBLE_DUPLICATE:%'")).isZero();
    }

    private List<LoggedRequest> sends() {
        return new ArrayList<>(twilio.server.findAll(postRequestedFor(urlPathEqualTo(MESSAGES_API))));
    }

    private LedgerEntry inbound(int i) {
        Conversation c = probe.conversation(SENDER, customer(i)).orElseThrow();
        return probe.ledger(c.id()).stream().filter(e -> e.direction().equals("IN")).findFirst().orElseThrow();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
