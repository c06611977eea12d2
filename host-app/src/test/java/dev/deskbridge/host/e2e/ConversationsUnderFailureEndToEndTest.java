package dev.deskbridge.host.e2e;

import static dev.deskbridge.host.e2e.FailurePlan.Failure.APPLIED_THEN_UNAVAILABLE;
import static dev.deskbridge.host.e2e.FailurePlan.Failure.RESET;
import static dev.deskbridge.host.e2e.FailurePlan.Failure.THROTTLED;
import static dev.deskbridge.host.e2e.FailurePlan.Failure.UNAVAILABLE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.testkit.ManualClock;
import dev.deskbridge.host.plugins.TestJars;
import dev.deskbridge.host.testing.HostProbe;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 end to end with the built Twilio plugin's Conversations CRM: every customer message is
 * one Conversation message and every agent message one send, while Twilio fails in bursts and every
 * webhook comes three times. Twilio is a stand-in that remembers messages and their attributes
 * ({@link TwilioConversationsStandIn}); the channel is the built-in WhatsApp Cloud one against WireMock.
 */
class ConversationsUnderFailureEndToEndTest {
    private static final Instant T0 = Instant.parse("2026-09-01T10:00:00Z");
    private static final String CRM_WEBHOOK = "/webhooks/crms/flex";
    private static final String AGENT = "agent.maria@example.com";

    @TempDir
    Path home;

    private final ManualClock clock = new ManualClock(T0);
    private WhatsAppTraffic whatsapp;
    private TwilioConversationsStandIn twilio;
    private RunningHost host;
    private HostProbe probe;

    @BeforeEach
    void start() throws IOException {
        whatsapp = new WhatsAppTraffic();
        twilio = new TwilioConversationsStandIn();
        Map<String, String> env = new HashMap<>(WhatsAppTraffic.channelEnvironment());
        env.put("TWILIO_AUTH_TOKEN", TwilioApiStub.AUTH_TOKEN);
        host = RunningHost.start(home, config(), env, clock, TestJars.realPlugin("deskbridge-twilio"));
        probe = host.probe();
        whatsapp.lookThrough(probe);
    }

    @AfterEach
    void stop() {
        Received.closeAll(host, whatsapp, twilio);
    }

    private String config() {
        return RunningHost.hostSections().replace("max_attempts: 3", "max_attempts: 12") + whatsapp.channelSection()
                + """
                crms:
                  - id: flex
                    type: twilio-conversations
                    config:
                      account_sid: %s
                      auth_token: ${TWILIO_AUTH_TOKEN}
                      base_url: %s
                routes:
                  - channel: wa-main
                    crm: flex
                    policy: refuse
                """.formatted(TwilioConversationsStandIn.ACCOUNT_SID, twilio.baseUrl());
    }

    @Test
    void everyMessageIsOneConversationMessageAndEveryReplyOneSendThroughRepeatsAndBursts() {
        List<PhoneNumber> customers = List.of(PhoneNumber.of("+12015550151"), PhoneNumber.of("+12015550152"),
                PhoneNumber.of("+12015550153"));
        List<String> texts = List.of("ok", "where is my order?", "ok");
        Map<PhoneNumber, String> sids = new HashMap<>();

        // 1. First messages open Conversations, through a throttling burst.
        twilio.failures.failNext(4, call -> true, THROTTLED);
        for (PhoneNumber customer : customers) {
            whatsapp.customerWrites(customer, 0, texts.get(0), T0);
        }
        for (PhoneNumber customer : customers) {
            sids.put(customer, whatsapp.awaitTicket(customer).ticket().orElseThrow().id());
        }

        // 2. The identical texts go on while Twilio fails: customer 1's Conversation cannot be read
        //    before the second "ok"; customer 2's second "ok" is posted but answered 503; customer 3's
        //    posts fail twice with 503 and once with a dropped connection.
        String name1 = probe.conversation(WhatsAppTraffic.BUSINESS, customers.get(0)).orElseThrow().id().value();
        String sid1 = sids.get(customers.get(0));
        String sid2 = sids.get(customers.get(1));
        String sid3 = sids.get(customers.get(2));
        twilio.failures.failNext(2, call -> call.is("GET", "/v1/Conversations/" + name1)
                && twilio.messages(sid1).size() == 2, UNAVAILABLE);
        twilio.failures.failNext(1, call -> call.is("POST", "/v1/Conversations/" + sid2 + "/Messages")
                && twilio.messages(sid2).size() == 2, APPLIED_THEN_UNAVAILABLE);
        twilio.failures.failNext(2, call -> call.is("POST", "/v1/Conversations/" + sid3 + "/Messages"), UNAVAILABLE);
        twilio.failures.failNext(1, call -> call.is("POST", "/v1/Conversations/" + sid3 + "/Messages"), RESET);
        for (int i = 1; i < texts.size(); i++) {
            for (PhoneNumber customer : customers) {
                whatsapp.customerWrites(customer, i, texts.get(i), T0.plusSeconds(i));
            }
        }
        whatsapp.awaitCustomerMessagesHandled(customers.size() * texts.size());
        for (PhoneNumber customer : customers) {
            List<TwilioConversationsStandIn.Message> posted = twilio.messages(sids.get(customer));
            assertThat(posted).as("messages in %s", sids.get(customer))
                    .extracting(TwilioConversationsStandIn.Message::body).containsExactlyElementsOf(texts);
            assertThat(posted).allSatisfy(m -> assertThat(m.author()).isEqualTo("whatsapp:" + customer.e164()));
            assertThat(posted).extracting(m -> WhatsAppTraffic.json(m.attributes()).path("deskbridge")
                    .path("eventId").asText()).as("each message marked with its own event")
                    .doesNotHaveDuplicates().doesNotContain("");
        }
        assertThat(twilio.conversationCount()).isEqualTo(customers.size());
        assertThat(twilio.failures.usedUp()).as("every planned failure happened").isTrue();

        // 3. Agents answer in Flex, twice "ok" among them; each webhook comes three times.
        clock.set(T0.plus(Duration.ofMinutes(30)));
        List<String> answers = List.of("Your order ships today.", "ok", "ok");
        for (String answer : answers) {
            for (PhoneNumber customer : customers) {
                TwilioConversationsStandIn.Message m = twilio.agentWrites(sids.get(customer), AGENT, answer);
                whatsapp.sendThreeTimes(this::postTwilio, form(messageAdded(m)));
            }
        }
        int expectedSends = customers.size() * answers.size();
        whatsapp.awaitSends(expectedSends);
        for (PhoneNumber customer : customers) {
            assertThat(whatsapp.textsTo(customer)).as("what %s received", customer)
                    .containsExactlyInAnyOrderElementsOf(answers);
        }

        // 4. Statuses out of order while the Conversation's attributes cannot be written for a while.
        twilio.failures.failNext(3, call -> call.is("POST", "/v1/Conversations/CH[0-9a-f]{32}"), UNAVAILABLE);
        clock.set(T0.plus(Duration.ofMinutes(31)));
        whatsapp.settleOutOfOrderAndCheckTheLedger(customers, clock.instant(), expectedSends);
        for (PhoneNumber customer : customers) {
            // Agents' own messages and the customer's: nothing was posted twice.
            assertThat(twilio.messages(sids.get(customer))).hasSize(texts.size() + answers.size());
        }
        assertThat(probe.count("SELECT COUNT(*) FROM dead_letters")).isZero();
        assertThat(twilio.failures.served()).isGreaterThanOrEqualTo(13);
    }

    /** Twilio's {@code onMessageAdded} post-event webhook for an agent's message from Flex. */
    private static Map<String, String> messageAdded(TwilioConversationsStandIn.Message m) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("EventType", "onMessageAdded");
        p.put("AccountSid", TwilioConversationsStandIn.ACCOUNT_SID);
        p.put("ChatServiceSid", "IS0123456789abcdef0123456789abcdef");
        p.put("ConversationSid", m.conversation());
        p.put("MessageSid", m.sid());
        p.put("ParticipantSid", "MB0123456789abcdef0123456789abcdef");
        p.put("Author", m.author());
        p.put("ClientIdentity", m.author());
        p.put("Body", m.body());
        p.put("Attributes", m.attributes());
        p.put("Source", "SDK");
        p.put("Index", "1");
        p.put("DateCreated", "2026-09-01T10:30:00.000Z");
        p.put("RetryCount", "0");
        p.put("WebhookType", "webhook");
        p.put("WebhookSid", "WH0123456789abcdef0123456789abcdef");
        return p;
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** A Conversations webhook, signed as Twilio signs it (over the public URL and the form). */
    private HttpResponse<String> postTwilio(String body) {
        String signature = TwilioApiStub.signature(TwilioApiStub.AUTH_TOKEN, RunningHost.publicUrl(CRM_WEBHOOK),
                TwilioApiStub.form(body));
        return probe.post(CRM_WEBHOOK, "application/x-www-form-urlencoded", Map.of("X-Twilio-Signature", signature),
                body);
    }
}
