package dev.deskbridge.connector.twilio.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deskbridge.connector.api.CrmSession;
import dev.deskbridge.connector.api.error.WebhookRejectedException;
import dev.deskbridge.connector.api.model.AgentReply;
import dev.deskbridge.connector.api.model.MediaLink;
import dev.deskbridge.connector.testkit.FakeConnectorContext;
import dev.deskbridge.connector.twilio.TwilioConversationsConnector;
import dev.deskbridge.connector.twilio.stub.TwilioSamples;
import dev.deskbridge.connector.twilio.stub.TwilioSigner;
import java.time.Instant;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import dev.deskbridge.connector.api.webhook.StoredWebhook;
import dev.deskbridge.connector.api.webhook.VerifiedWebhook;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Agents' messages arrive through {@code onMessageAdded}; DeskBridge's own never come back. */
class TwilioConversationsWebhookTest {
    private static final String IM = "IM0123456789abcdef0123456789abcdef";
    /** The Conversation of {@link TwilioSamples#agentMessageAdded}. */
    private static final String CONVERSATION = "CH00112233445566778899aabbccddeeff";

    private CrmSession session;

    @BeforeEach
    void open() {
        TwilioConversationsConnector connector = new TwilioConversationsConnector();
        session = connector.open(FakeConnectorContext.of(connector.configSpec(),
                TwilioSamples.conversationsSettings(TwilioSamples.UNUSED_LOOPBACK)));
    }

    @AfterEach
    void close() {
        session.close();
    }

    private static WebhookRequest signed(Map<String, String> params) {
        return TwilioSigner.signedForm(TwilioSamples.AUTH_TOKEN, TwilioSamples.CRM_WEBHOOK_URL, params);
    }

    /** What the host does: verify in the request, store, then read in a worker. */
    private List<AgentReply> receive(Map<String, String> params) {
        WebhookRequest request = signed(params);
        session.verify(request);
        return session.read(new StoredWebhook("stored-1", request));
    }

    @Test
    void anAgentsMessageBecomesAReply() {
        List<AgentReply> replies = receive(TwilioSamples.agentMessageAdded(IM, "Your parcel leaves today."));

        assertThat(replies).singleElement().satisfies(r -> {
            assertThat(r.eventId()).isEqualTo("twilio-conversations:" + IM);
            assertThat(r.ticket().id()).isEqualTo("CH00112233445566778899aabbccddeeff");
            assertThat(r.author()).isEqualTo("agent.maria@example.com");
            assertThat(r.text()).isEqualTo("Your parcel leaves today.");
            assertThat(r.attachments()).isEmpty();
            assertThat(r.writtenAt()).isEqualTo(Instant.parse("2026-10-05T08:03:12Z"));
        });
    }

    @Test
    void anAgentsFileComesAsAnAttachment() {
        Map<String, String> p = TwilioSamples.with(TwilioSamples.agentMessageAdded(IM, ""), "Media",
                "[{\"Sid\":\"ME0123456789abcdef0123456789abcdef\",\"Filename\":\"invoice.pdf\","
                        + "\"ContentType\":\"application/pdf\",\"Size\":48213,\"Category\":\"media\"}]");

        AgentReply reply = receive(p).get(0);

        assertThat(reply.text()).isEmpty();
        assertThat(reply.attachments()).containsExactly(new MediaLink(
                "https://mcs.us1.twilio.com/v1/Services/IS00112233445566778899aabbccddeeff/Media/ME0123456789abcdef0123456789abcdef",
                "invoice.pdf", Optional.of("application/pdf")));
    }

    @Test
    void aTemplateInTheMessagesAttributesBecomesTheTemplateRequestAndItsBodyNeverText() {
        Map<String, String> asked = TwilioSamples.with(TwilioSamples.agentMessageAdded(IM, "Sending the order update"),
                "Attributes", "{\"deskbridge\": {\"template\": \"order_update\", \"language\": \"en_US\", "
                        + "\"parameters\": {\"first_name\": \"Ana\", \"order\": \"A-1042\", "
                        + "\"header.image\": \"https://cdn.acme.example/a.jpg\", \"button.0\": 1042}}}");

        assertThat(receive(asked)).singleElement().satisfies(r -> {
            assertThat(r.eventId()).isEqualTo("twilio-conversations:" + IM);
            assertThat(r.text()).isEmpty();
            assertThat(r.templateError()).isEmpty();
            assertThat(r.template()).hasValueSatisfying(t -> {
                assertThat(t.name()).isEqualTo("order_update");
                assertThat(t.language()).contains("en_US");
                assertThat(t.named()).containsOnly(Map.entry("first_name", "Ana"), Map.entry("order", "A-1042"));
                assertThat(t.header()).hasValueSatisfying(h -> assertThat(h.value()).endsWith("a.jpg"));
                assertThat(t.buttons()).singleElement().satisfies(b -> assertThat(b.parameter()).isEqualTo("1042"));
            });
        });
    }

    @Test
    void positionalParametersAreAnArrayAndTheLanguageMayBeLeftOut() {
        Map<String, String> asked = TwilioSamples.with(TwilioSamples.agentMessageAdded(IM, ""), "Attributes",
                "{\"deskbridge\": {\"template\": \"reminder\", \"parameters\": [\"Ana\", \"10:30\"]}}");

        AgentReply reply = receive(asked).get(0);

        assertThat(reply.template().orElseThrow().language()).isEmpty();
        assertThat(reply.template().orElseThrow().positional()).containsExactly("Ana", "10:30");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"deskbridge\": {\"template\": 7}}|attributes.deskbridge.template",
        "{\"deskbridge\": {\"template\": \"t\", \"language\": true}}|attributes.deskbridge.language",
        "{\"deskbridge\": {\"template\": \"t\", \"parameters\": \"Ana\"}}|attributes.deskbridge.parameters",
        "{\"deskbridge\": {\"template\": \"t\", \"parameters\": {\"name\": {\"x\": 1}}}}"
                + "|attributes.deskbridge.parameters.name",
        "{\"deskbridge\": {\"template\": \"t\", \"parameters\": [\"a\", null]}}|attributes.deskbridge.parameters[1]",
        "{\"deskbridge\": {\"template\": \"t\", \"parameters\": {\"header.gif\": \"x\"}}}"
                + "|attributes.deskbridge.parameters"
    })
    void anUnreadableTemplateAttributeReachesTheHostAsItsErrorNeverAsText(String attributesAndWhere) {
        String[] parts = attributesAndWhere.split("\\|");
        Map<String, String> asked = TwilioSamples.with(TwilioSamples.agentMessageAdded(IM, "Sending a template"),
                "Attributes", parts[0]);

        assertThat(receive(asked)).singleElement().satisfies(r -> {
            assertThat(r.text()).isEmpty();
            assertThat(r.template()).isEmpty();
            assertThat(r.templateError()).hasValueSatisfying(e -> assertThat(e.where()).isEqualTo(parts[1]));
        });
    }

    @Test
    void customerMessagesDeskBridgePostedDoNotEchoBack() {
        Map<String, String> echo = TwilioSamples.agentMessageAdded(IM, "Oi, meu pedido não chegou");
        echo.put("Author", "whatsapp:" + TwilioSamples.CUSTOMER);
        echo.put("Source", "API");
        echo.put("Attributes", "{\"deskbridge\":{\"origin\":\"customer\",\"eventId\":\"twilio:SM1\"}}");
        echo.remove("ClientIdentity");
        echo.remove("ParticipantSid");

        assertThat(receive(echo)).isEmpty();
    }

    @Test
    void theMarkAloneIsEnoughToDropAnEcho() {
        Map<String, String> marked = TwilioSamples.with(TwilioSamples.agentMessageAdded(IM, "anything"), "Attributes",
                "{\"deskbridge\":{\"origin\":\"customer\",\"eventId\":\"twilio:SM9\"}}");

        assertThat(receive(marked)).isEmpty();
    }

    @Test
    void theCustomersIdentityAloneIsEnoughToDropAnEcho() {
        Map<String, String> asCustomer = TwilioSamples.with(TwilioSamples.agentMessageAdded(IM, "anything"), "Author",
                "whatsapp:" + TwilioSamples.CUSTOMER);

        assertThat(receive(asCustomer)).isEmpty();
    }

    @Test
    void notesDeskBridgePostedDoNotComeBack() {
        Map<String, String> note = TwilioSamples.agentMessageAdded(IM, "The window closes in 2 hours.");
        note.put("Author", "DeskBridge");
        note.put("Source", "API");
        note.put("Attributes", "{\"deskbridge\":{\"origin\":\"deskbridge\",\"type\":\"note\",\"kind\":\"WINDOW_CLOSING\"}}");

        assertThat(receive(note)).isEmpty();
        assertThat(receive(TwilioSamples.with(note, "Attributes", "{}"))).as("by the note author alone").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SMS", "WHATSAPP"})
    void messagesFromMessagingBindingsAreNotAgentReplies(String source) {
        assertThat(receive(TwilioSamples.with(TwilioSamples.agentMessageAdded(IM, "hello"), "Source", source)))
                .isEmpty();
    }

    @Test
    void otherEventsAndEmptyMessagesYieldNothing() {
        Map<String, String> added = TwilioSamples.with(TwilioSamples.agentMessageAdded(IM, "x"), "EventType",
                "onConversationUpdated");
        assertThat(receive(added)).isEmpty();
        assertThat(receive(TwilioSamples.agentMessageAdded(IM, "   "))).isEmpty();
    }

    @Test
    void aSignedButBrokenWebhookIsRejectedNamingWhatIsWrong() {
        Map<String, String> noConversation = TwilioSamples.agentMessageAdded(IM, "hi");
        noConversation.remove("ConversationSid");

        // Refused at the door, before anything is stored.
        assertThatThrownBy(() -> session.verify(signed(noConversation))).isInstanceOf(WebhookRejectedException.class)
                .hasMessageContaining("ConversationSid");
        assertThatThrownBy(() -> session.verify(signed(TwilioSamples.with(TwilioSamples.agentMessageAdded(IM, "hi"),
                "Media", "[oops")))).isInstanceOf(WebhookRejectedException.class).hasMessageContaining("Media");
    }

    @Test
    void verifyingNamesTheMessageAndConversation() {
        assertThat(session.verify(signed(TwilioSamples.agentMessageAdded(IM, "hi")))).isEqualTo(VerifiedWebhook.of(
                "twilio-conversations:onMessageAdded:" + IM, CONVERSATION));
    }

    @Test
    void anEventWithoutAMessageIsKnownByTwiliosDeliveryTokenTheSameOnTwiliosRetries() {
        String token = "3f1c0a7e-9b2d-4c5e-8a61-2d4f6b8c0e13";
        VerifiedWebhook first = session.verify(conversationUpdated(Optional.of(" " + token + " ")));
        VerifiedWebhook retry = session.verify(conversationUpdated(Optional.of(token)));
        VerifiedWebhook another = session.verify(conversationUpdated(Optional.of("RE0123456789abcdef:1")));

        assertThat(first).isEqualTo(new VerifiedWebhook(Optional.of("twilio-conversations:delivery:" + token),
                Optional.of(CONVERSATION)));
        assertThat(retry).isEqualTo(first);
        assertThat(another.eventId()).contains("twilio-conversations:delivery:RE0123456789abcdef:1");
    }

    @ParameterizedTest
    @MethodSource("unusableTokens")
    void anEventWithoutAMessageOrAUsableTokenHasNoId(Optional<String> token) {
        assertThat(session.verify(conversationUpdated(token)))
                .isEqualTo(new VerifiedWebhook(Optional.empty(), Optional.of(CONVERSATION)));
    }

    static List<Optional<String>> unusableTokens() {
        return List.of(Optional.empty(), Optional.of(""), Optional.of("   "), Optional.of("two words"),
                Optional.of("a/b"), Optional.of("line\nbreak"), Optional.of("é"), Optional.of("x".repeat(129)));
    }

    @Test
    void aMessagesOwnIdWinsOverTheDeliveryToken() {
        WebhookRequest signed = signed(TwilioSamples.agentMessageAdded(IM, "hi"));
        assertThat(signed.header("i-twilio-idempotency-token")).isPresent();

        assertThat(session.verify(signed).eventId()).contains("twilio-conversations:onMessageAdded:" + IM);
    }

    /**
     * A signed {@code onConversationUpdated} (the Conversation's fields of an {@code onMessageAdded},
     * none of the message's) with {@code token} as its idempotency header, named in lower case.
     */
    private static WebhookRequest conversationUpdated(Optional<String> token) {
        Map<String, String> p = TwilioSamples.with(TwilioSamples.agentMessageAdded(IM, "x"), "EventType",
                "onConversationUpdated");
        p.keySet().removeAll(List.of("MessageSid", "Index", "Author", "ParticipantSid", "Body", "ClientIdentity"));
        p.put("State", "closed");
        p.put("DateUpdated", "2026-10-05T09:00:00.000Z");
        WebhookRequest r = signed(p);
        Map<String, List<String>> headers = new HashMap<>(r.headers());
        headers.remove("i-twilio-idempotency-token");
        token.ifPresent(t -> headers.put("i-twilio-idempotency-token", List.of(t)));
        return new WebhookRequest(r.method(), r.publicUrl(), headers, r.query(), r.body(), r.receivedAt());
    }
}
