package dev.deskbridge.host.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.deskbridge.host.e2e.Received.only;
import static dev.deskbridge.host.e2e.TwilioApiStub.ACCOUNT_SID;
import static dev.deskbridge.host.e2e.TwilioApiStub.AUTH_TOKEN;
import static dev.deskbridge.host.e2e.TwilioApiStub.CONVERSATION;
import static dev.deskbridge.host.e2e.TwilioApiStub.CONVERSATIONS;
import static dev.deskbridge.host.e2e.TwilioApiStub.CONVERSATION_SID;
import static dev.deskbridge.host.e2e.TwilioApiStub.MESSAGES_API;
import static dev.deskbridge.host.e2e.TwilioApiStub.form;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.testkit.ManualClock;
import dev.deskbridge.host.costs.LedgerQueries;
import dev.deskbridge.host.engine.EngineEvent;
import dev.deskbridge.host.engine.EventCodec;
import dev.deskbridge.host.plugins.TestJars;
import dev.deskbridge.host.store.Conversation;
import dev.deskbridge.host.store.Jdbc;
import dev.deskbridge.host.store.LedgerEntry;
import dev.deskbridge.host.testing.HostProbe;
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
 * Issue 7 end to end: the Twilio plugin file the build produced, loaded by {@code deskbridge run},
 * routes its {@code twilio-whatsapp} channel to its {@code twilio-conversations} CRM, with the
 * engine on an embedded H2 database and Twilio as a WireMock stub on loopback. Business time is a
 * manual clock in October 2026 (PMP-2026-10: a service reply inside the window is billed by Meta,
 * here at the Brazilian market's rate), so Meta's fee and Twilio's fee both show, apart.
 */
class TwilioEndToEndTest {
    private static final Instant T0 = Instant.parse("2026-10-05T08:00:00Z");
    private static final PhoneNumber SENDER = PhoneNumber.of("+14155238886");
    private static final PhoneNumber CUSTOMER = PhoneNumber.of("+5511987654321");
    private static final String INBOUND_SID = "SMa1b2c3d4e5f60718293a4b5c6d7e8f90";
    private static final String SENT_SID = "SM0f9e8d7c6b5a49382716a5b4c3d2e1f0";
    private static final String CHANNEL_WEBHOOK = "/webhooks/channels/twilio-wa";
    private static final String CRM_WEBHOOK = "/webhooks/crms/flex";

    @TempDir
    Path home;

    private final ManualClock clock = new ManualClock(T0);
    private TwilioApiStub twilio;
    private RunningHost host;
    private HostProbe probe;

    @BeforeEach
    void start() throws IOException {
        Path plugin = TestJars.realPlugin("deskbridge-twilio");
        twilio = new TwilioApiStub();
        twilio.acceptEverything(SENT_SID);
        host = RunningHost.start(home, config(), Map.of("TWILIO_AUTH_TOKEN", AUTH_TOKEN), clock, plugin);
        probe = host.probe();
    }

    @AfterEach
    void stop() {
        Received.closeAll(host, twilio);
    }

    private String config() {
        return RunningHost.hostSections() + twilio.routeConfig(SENDER, CHANNEL_WEBHOOK);
    }

    @Test
    void customerMessageReachesAConversationAndTheAgentsMessageGoesOutWithBothFeesLedgered() {
        // 1. The customer writes to the Twilio sender: a Conversation is found or made, and the
        //    message is posted in it as the customer's.
        String question = "Oi, meu pedido 4711 ainda não chegou";
        assertThat(postTwilio(CHANNEL_WEBHOOK, inboundText(question)).statusCode()).isEqualTo(200);
        probe.await("the Conversation recorded as the ticket",
                () -> probe.conversation(SENDER, CUSTOMER).flatMap(Conversation::ticket).isPresent());
        Conversation conversation = probe.conversation(SENDER, CUSTOMER).orElseThrow();
        assertThat(conversation.ticket().orElseThrow().id()).isEqualTo(CONVERSATION_SID);

        // Looked up by its unique name first (a retry must not make a second one), then made.
        twilio.server.verify(getRequestedFor(urlPathEqualTo(CONVERSATIONS + "/" + conversation.id().value())));
        Map<String, String> created = form(onlyPost(CONVERSATIONS).getBodyAsString());
        assertThat(created).containsEntry("UniqueName", conversation.id().value());
        assertThat(created.get("FriendlyName")).contains("Ana Souza", CUSTOMER.e164());
        assertThat(form(onlyPost(CONVERSATION + "/Participants").getBodyAsString()))
                .containsEntry("Identity", "whatsapp:" + CUSTOMER.e164());
        LoggedRequest posted = onlyPost(CONVERSATION + "/Messages");
        assertThat(form(posted.getBodyAsString())).containsEntry("Author", "whatsapp:" + CUSTOMER.e164())
                .containsEntry("Body", question);
        assertThat(posted.getHeader("X-Forwarded-Host")).isEqualTo("conversations.twilio.com");

        // 2. Five minutes later an agent answers in Flex: onMessageAdded brings it back, and it goes
        //    out through the Messages API from the WhatsApp sender to the customer.
        clock.set(T0.plus(Duration.ofMinutes(5)));
        String answer = "Olá Ana, o seu pedido saiu hoje de manhã.";
        assertThat(postTwilio(CRM_WEBHOOK, messageAdded("IMb0c1d2e3f405162738495a6b7c8d9e0f", "agent.maria@example.com",
                "SDK", "{}", answer)).statusCode()).isEqualTo(200);
        probe.await("the reply sent through Twilio", () -> !posts(MESSAGES_API).isEmpty());
        LoggedRequest send = onlyPost(MESSAGES_API);
        assertThat(form(send.getBodyAsString()))
                .containsEntry("From", "whatsapp:" + SENDER.e164())
                .containsEntry("To", "whatsapp:" + CUSTOMER.e164())
                .containsEntry("Body", answer);
        // The status callback names the send (its outbox id) in its query, which Twilio signs with the URL.
        long outboxId = probe.count("SELECT MAX(id) FROM outbox");
        String callback = form(send.getBodyAsString()).get("StatusCallback");
        assertThat(callback).isEqualTo(RunningHost.publicUrl(CHANNEL_WEBHOOK) + "?deskbridge_send=" + outboxId);
        assertThat(send.getHeader("X-Forwarded-Host")).isEqualTo("api.twilio.com");

        // The customer's message DeskBridge posted comes back through the same webhook: never an echo.
        long repliesStored = crmInboxRows();
        assertThat(postTwilio(CRM_WEBHOOK, messageAdded("IMc1d2e3f405162738495a6b7c8d9e0f1a", "whatsapp:"
                + CUSTOMER.e164(), "API", "{\"deskbridge\":{\"origin\":\"customer\",\"eventId\":\"twilio:"
                + INBOUND_SID + "\"}}", question)).statusCode()).isEqualTo(200);
        awaitWebhooksRead();
        assertThat(crmInboxRows()).isEqualTo(repliesStored);

        // 3. Twilio reports the message delivered with what it charged: Meta's fee and Twilio's
        //    fee are settled side by side.
        probe.await("the send ledgered", () -> ledger(conversation, "OUT").providerMessageId().isPresent());
        clock.set(T0.plus(Duration.ofMinutes(5)).plusSeconds(20));
        // Twilio calls the URL the send gave it, query and all.
        assertThat(postTwilio(CHANNEL_WEBHOOK + "?deskbridge_send=" + outboxId, delivered(SENT_SID, "-0.00450"))
                .statusCode()).isEqualTo(200);
        probe.await("the send settled", () -> ledger(conversation, "OUT").status().equals("SETTLED"));

        LedgerEntry out = ledger(conversation, "OUT");
        assertThat(out.providerMessageId()).contains(SENT_SID);
        assertThat(out.channelId()).isEqualTo("twilio-wa");
        assertThat(out.crmId()).isEqualTo("flex");
        assertThat(out.market()).contains("BR");
        assertThat(out.category()).contains("service");
        assertThat(out.billable()).isTrue();
        // Meta's fee: BR has no service rate on the card, so its utility rate; Twilio sends no Meta pricing.
        assertThat(out.quotedMetaFee()).isEqualByComparingTo("0.0080");
        assertThat(out.settledMetaFee()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.0080"));
        // Twilio's fee: quoted from fee_per_message, settled at the price Twilio reported.
        assertThat(out.quotedChannelFee()).isEqualByComparingTo("0.005");
        assertThat(out.settledChannelFee()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.0045"));
        // The customer's message costs Twilio's fee only: Meta does not bill received messages.
        LedgerEntry in = ledger(conversation, "IN");
        assertThat(in.quotedMetaFee()).isEqualByComparingTo("0");
        assertThat(in.quotedChannelFee()).isEqualByComparingTo("0.005");
        // Received is billed: settled at the configured fee at once, never left pending.
        assertThat(in.status()).isEqualTo("SETTLED");
        assertThat(in.settledChannelFee()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.005"));
        assertThat(probe.sql(c -> LedgerQueries.conversationCost(c, conversation.id(), Currency.getInstance("USD")))
                .amount()).isEqualByComparingTo("0.0175");
        // Flex sees the delivery in the Conversation's attributes.
        probe.await("the delivery shown on the Conversation", () -> posts(CONVERSATION).stream()
                .map(r -> form(r.getBodyAsString()).getOrDefault("Attributes", ""))
                .anyMatch(a -> a.contains(SENT_SID) && a.contains("DELIVERED")));

        String basic = "Basic " + Base64.getEncoder().encodeToString((ACCOUNT_SID + ":" + AUTH_TOKEN)
                .getBytes(StandardCharsets.UTF_8));
        assertThat(twilio.server.findAll(anyRequestedFor(anyUrl())))
                .allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo(basic));
        assertThat(host.output()).doesNotContain(AUTH_TOKEN);
        assertThat(probe.count("SELECT COUNT(*) FROM dead_letters")).isZero();
    }

    @Test
    void withFetchPriceAStatusWithoutAPriceIsStoredAsItCameAndSettledAtThePriceTheWorkerReads() throws IOException {
        // A host whose channel reads a price its status callback lacks (fetch_price).
        host.close();
        host = RunningHost.start(home.resolve("fetch-price"), RunningHost.hostSections()
                + twilio.routeConfig(SENDER, CHANNEL_WEBHOOK, true), Map.of("TWILIO_AUTH_TOKEN", AUTH_TOKEN), clock,
                TestJars.realPlugin("deskbridge-twilio"));
        probe = host.probe();
        twilio.messageResource(SENT_SID, "-0.00420");
        agentAnswerSent();
        Conversation conversation = probe.conversation(SENDER, CUSTOMER).orElseThrow();
        probe.await("the send ledgered", () -> ledger(conversation, "OUT").providerMessageId().isPresent());

        Map<String, String> delivered = delivered(SENT_SID, "0");
        delivered.remove("Price");
        delivered.remove("PriceUnit");
        assertThat(postTwilio(CHANNEL_WEBHOOK, delivered).statusCode()).isEqualTo(200);
        probe.await("the send settled", () -> ledger(conversation, "OUT").status().equals("SETTLED"));

        // The webhook was stored as Twilio sent it, without a price: its request called nothing. The
        // worker read the price once, and the ledger settled Twilio's fee at it (quoted at 0.005).
        String stored = probe.sql(c -> Jdbc.queryOne(c,
                "SELECT payload FROM inbox WHERE event_type = 'DELIVERY_UPDATE'", rs -> rs.getString(1))).orElseThrow();
        assertThat(((EngineEvent.DeliveryReported) new EventCodec().decode("DELIVERY_UPDATE", stored)).update()
                .providerPrice()).isEmpty();
        twilio.server.verify(1, getRequestedFor(urlPathEqualTo(TwilioApiStub.messageResourcePath(SENT_SID))));
        assertThat(ledger(conversation, "OUT").settledChannelFee())
                .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.0042"));
        assertThat(probe.count("SELECT COUNT(*) FROM dead_letters")).isZero();
    }

    @Test
    void twilio63016InAStatusCallbackGoesToTheRoutesPolicyNotToAFailureNote() {
        agentAnswerSent();

        // Twilio took the message, then reports it failed: outside the 24-hour window (63016).
        Map<String, String> failed = delivered(SENT_SID, "0");
        failed.put("MessageStatus", "failed");
        failed.put("SmsStatus", "failed");
        failed.put("ErrorCode", "63016");
        failed.remove("Price");
        failed.remove("PriceUnit");
        assertThat(postTwilio(CHANNEL_WEBHOOK, failed).statusCode()).isEqualTo(200);

        // The route's policy (refuse) tells the agents on the Conversation; nothing is a dead letter.
        probe.await("the refusal noted on the Conversation", () -> notes("REPLY_REFUSED_POLICY").size() == 1);
        assertThat(form(notes("REPLY_REFUSED_POLICY").get(0).getBodyAsString()).get("Body")).contains("(63016)");
        probe.await("the queues drained", () -> probe.count("SELECT COUNT(*) FROM inbox WHERE status = 'PENDING'") == 0);
        assertThat(notes("DELIVERY_FAILED")).isEmpty();
        assertThat(probe.count("SELECT COUNT(*) FROM dead_letters")).isZero();
        assertThat(posts(MESSAGES_API)).as("nothing sent free-form again").hasSize(1);
    }

    @Test
    void twiliosRetryOfAWebhookNamingNoMessageIsStoredOnce() {
        // No MessageSid: Twilio's I-Twilio-Idempotency-Token, the same on its retries of one delivery
        // (TwilioWebhooks sends one per body), is the webhook's id.
        Map<String, String> inactive = TwilioWebhooks.conversationStateUpdated(CONVERSATION_SID, "active", "inactive");
        assertThat(postTwilio(CRM_WEBHOOK, inactive).statusCode()).isEqualTo(200);
        assertThat(postTwilio(CRM_WEBHOOK, inactive).statusCode()).isEqualTo(200);

        // The agent's answer comes after them: once it is sent, both were moved into the inbox.
        agentAnswerSent();
        awaitWebhooksRead();
        assertThat(probe.count("SELECT COUNT(*) FROM inbox WHERE source_id = 'crm:flex' AND event_type = 'CRM_WEBHOOK'"))
                .as("the state update once, the agent's message").isEqualTo(2);
        assertThat(probe.count("SELECT COUNT(*) FROM dead_letters")).isZero();
    }

    @Test
    void aMessageWithThreeFilesReachesTheConversationAsThreeMessages() {
        // One incoming-message webhook with three files: the plugin gives one event per file.
        Map<String, String> p = inboundText("three files");
        p.put("NumMedia", "3");
        p.put("MessageType", "image");
        String[] types = {"image/jpeg", "application/pdf", "audio/ogg"};
        for (int i = 0; i < types.length; i++) {
            p.put("MediaContentType" + i, types[i]);
            p.put("MediaUrl" + i, "https://api.twilio.com/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages/"
                    + INBOUND_SID + "/Media/ME" + String.valueOf(i).repeat(32));
        }
        assertThat(postTwilio(CHANNEL_WEBHOOK, p).statusCode()).isEqualTo(200);
        probe.await("the three events handled", () -> probe.count("SELECT COUNT(*) FROM inbox WHERE event_type = "
                + "'CUSTOMER_MESSAGE' AND status = 'DONE'") == 3
                && probe.count("SELECT COUNT(*) FROM inbox WHERE status <> 'DONE'") == 0);

        // Each file is a message of its own (the host keeps one per provider id), and each is posted
        // to the Conversation as the customer's: none is taken for a repeat of the first.
        assertThat(probe.count("SELECT COUNT(*) FROM messages WHERE direction = 'IN'")).isEqualTo(3);
        List<String> events = posts(CONVERSATION + "/Messages").stream()
                .map(r -> form(r.getBodyAsString()))
                .filter(f -> f.get("Author").equals("whatsapp:" + CUSTOMER.e164()))
                .map(f -> f.get("Attributes"))
                .toList();
        assertThat(events).hasSize(3);
        for (int i = 0; i < types.length; i++) {
            String eventId = "twilio:" + INBOUND_SID + "#" + i;
            assertThat(events).as(eventId).filteredOn(a -> a.contains("\"" + eventId + "\"")).hasSize(1);
        }
        assertThat(probe.count("SELECT COUNT(*) FROM dead_letters")).isZero();
    }

    /** The customer writes "Oi"; five minutes later an agent answers in Flex, and it goes out as {@link #SENT_SID}. */
    private void agentAnswerSent() {
        assertThat(postTwilio(CHANNEL_WEBHOOK, inboundText("Oi")).statusCode()).isEqualTo(200);
        probe.await("the Conversation recorded as the ticket",
                () -> probe.conversation(SENDER, CUSTOMER).flatMap(Conversation::ticket).isPresent());
        clock.set(T0.plus(Duration.ofMinutes(5)));
        assertThat(postTwilio(CRM_WEBHOOK, messageAdded("IMb0c1d2e3f405162738495a6b7c8d9e0f", "agent.maria@example.com",
                "SDK", "{}", "Olá Ana")).statusCode()).isEqualTo(200);
        probe.await("the reply sent through Twilio", () -> !posts(MESSAGES_API).isEmpty());
        probe.await("the send recorded", () -> probe.count("SELECT COUNT(*) FROM messages WHERE provider_message_id = ?",
                SENT_SID) == 1);
    }

    /** Notes of one kind DeskBridge posted on the Conversation. */
    private List<LoggedRequest> notes(String kind) {
        return posts(CONVERSATION + "/Messages").stream()
                .filter(r -> form(r.getBodyAsString()).getOrDefault("Attributes", "").contains("\"" + kind + "\""))
                .toList();
    }

    /** The conversation's one ledger row in a direction. */
    private LedgerEntry ledger(Conversation conversation, String direction) {
        List<LedgerEntry> rows = probe.ledger(conversation.id()).stream()
                .filter(e -> e.direction().equals(direction)).toList();
        assertThat(rows).as("ledger rows " + direction).hasSize(1);
        return rows.get(0);
    }

    /** Agent replies queued from the CRM's webhooks. */
    private long crmInboxRows() {
        return probe.count("SELECT COUNT(*) FROM inbox WHERE source_id = 'crm:flex' AND event_type = 'AGENT_REPLY'");
    }

    /** Waits until every stored CRM webhook has been read. */
    private void awaitWebhooksRead() {
        probe.await("the CRM's webhooks read", () -> probe.count("SELECT COUNT(*) FROM inbox WHERE source_id = 'crm:flex'"
                + " AND event_type = 'CRM_WEBHOOK' AND status <> 'DONE'") == 0);
    }

    private List<LoggedRequest> posts(String path) {
        return twilio.server.findAll(postRequestedFor(urlPathEqualTo(path)));
    }

    private LoggedRequest onlyPost(String path) {
        return only(twilio.server, postRequestedFor(urlPathEqualTo(path)));
    }

    // ---- Twilio's webhooks

    private HttpResponse<String> postTwilio(String path, Map<String, String> params) {
        return TwilioWebhooks.post(probe, path, params);
    }

    private static Map<String, String> inboundText(String text) {
        return TwilioWebhooks.inboundText(INBOUND_SID, CUSTOMER, SENDER, "Ana Souza", text);
    }

    private static Map<String, String> messageAdded(String messageSid, String author, String source,
            String attributes, String body) {
        return TwilioWebhooks.messageAdded(CONVERSATION_SID, messageSid, author, source, attributes, body);
    }

    private static Map<String, String> delivered(String messageSid, String price) {
        return TwilioWebhooks.status(messageSid, "delivered", SENDER, CUSTOMER, price);
    }
}
