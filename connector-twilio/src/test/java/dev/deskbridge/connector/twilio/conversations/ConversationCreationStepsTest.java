package dev.deskbridge.connector.twilio.conversations;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static dev.deskbridge.connector.twilio.conversations.TwilioConversationsSessionTest.BY_NAME;
import static dev.deskbridge.connector.twilio.conversations.TwilioConversationsSessionTest.BY_SID;
import static dev.deskbridge.connector.twilio.conversations.TwilioConversationsSessionTest.CH;
import static dev.deskbridge.connector.twilio.conversations.TwilioConversationsSessionTest.CONVERSATIONS;
import static dev.deskbridge.connector.twilio.conversations.TwilioConversationsSessionTest.JSON;
import static dev.deskbridge.connector.twilio.conversations.TwilioConversationsSessionTest.MESSAGES;
import static dev.deskbridge.connector.twilio.conversations.TwilioConversationsSessionTest.NOW;
import static dev.deskbridge.connector.twilio.conversations.TwilioConversationsSessionTest.PARTICIPANTS;
import static dev.deskbridge.connector.twilio.conversations.TwilioConversationsSessionTest.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.deskbridge.connector.api.CrmSession;
import dev.deskbridge.connector.api.error.RetryableException;
import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.model.ConversationRef;
import dev.deskbridge.connector.api.model.CustomerMessage;
import dev.deskbridge.connector.api.model.InboundMessage;
import dev.deskbridge.connector.api.model.MessageContent;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.pricing.ConversationStatus;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.WindowPhase;
import dev.deskbridge.connector.api.pricing.WindowState;
import dev.deskbridge.connector.testkit.FakeConnectorContext;
import dev.deskbridge.connector.twilio.TwilioConversationsConnector;
import dev.deskbridge.connector.twilio.stub.SpecExamples;
import dev.deskbridge.connector.twilio.stub.TwilioSamples;
import dev.deskbridge.connector.twilio.stub.TwilioStub;
import dev.deskbridge.connector.twilio.stub.TwilioStubExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each step of creating a Conversation (the Conversation, its attributes, the customer participant,
 * its own webhook, the record of the steps done) failing once: the next attempt finds what exists,
 * adds what is missing, and the customer's message lands once.
 */
class ConversationCreationStepsTest {
    private static final String WEBHOOKS = BY_SID + "/Webhooks";
    private static final String HOOK_URL = "https://bridge.example.test/webhooks/crms/flex";
    private static final String HTML_503 = "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>";

    @RegisterExtension
    final TwilioStubExtension twilio = new TwilioStubExtension();

    private CrmSession open(boolean ownWebhook) {
        TwilioConversationsConnector connector = new TwilioConversationsConnector();
        Map<String, String> settings = TwilioSamples.conversationsSettings(twilio.baseUrl());
        if (ownWebhook) {
            settings.put("conversation_webhook_url", HOOK_URL);
        }
        return twilio.closeAfter(connector.open(FakeConnectorContext.of(connector.configSpec(), settings)));
    }

    private TwilioStub stub() {
        return twilio.stub();
    }

    private void stub(MappingBuilder mapping) {
        stub().server().stubFor(mapping);
    }

    // ---- Twilio's answers ----

    private static String conversation(String attributes) {
        ObjectNode c = SpecExamples.example(SpecExamples.CONVERSATIONS, "/v1/Conversations/{Sid}", "get", "200", "fetch");
        c.put("sid", CH);
        c.put("account_sid", TwilioSamples.ACCOUNT_SID);
        c.put("unique_name", "conv-1");
        c.put("state", "active");
        c.put("attributes", attributes);
        return c.toString();
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** A load balancer in front of Twilio, overloaded. */
    private static ResponseDefinitionBuilder proxy503() {
        return aResponse().withStatus(503).withHeader("Content-Type", "text/html").withBody(HTML_503);
    }

    private static ResponseDefinitionBuilder twilio503() {
        return json(503, SpecExamples.error(20503, "Service Unavailable", 503));
    }

    private static String participant() {
        return SpecExamples.example(SpecExamples.CONVERSATIONS, "/v1/Conversations/{ConversationSid}/Participants",
                "post", "201", "createChat").toString();
    }

    /** Attributes as DeskBridge's create wrote them: whom the Conversation is about, no step marked done. */
    private static String created() {
        return "{\"deskbridge\":{\"conversationId\":\"conv-1\",\"customer\":\"" + TwilioSamples.CUSTOMER + "\"}}";
    }

    /** No Conversation by that name until the first create; then it exists with {@code attributes}. */
    private void conversationAfterCreate(String attributes) {
        stub(get(urlPathEqualTo(BY_NAME)).inScenario("conversation").whenScenarioStateIs(STARTED)
                .willReturn(json(404, SpecExamples.error(20404, "The requested resource was not found", 404))));
        stub(post(urlPathEqualTo(CONVERSATIONS)).inScenario("conversation").whenScenarioStateIs(STARTED)
                .willReturn(json(201, conversation(attributes))).willSetStateTo("exists"));
        stub(get(urlPathEqualTo(BY_NAME)).inScenario("conversation").whenScenarioStateIs("exists")
                .willReturn(json(200, conversation(attributes))));
    }

    /** The first request to {@code path} fails with {@code failure}; later ones answer {@code ok}. */
    private void failsOnce(String path, ResponseDefinitionBuilder failure, ResponseDefinitionBuilder ok) {
        stub(post(urlPathEqualTo(path)).inScenario(path).whenScenarioStateIs(STARTED).willReturn(failure)
                .willSetStateTo("recovered"));
        stub(post(urlPathEqualTo(path)).inScenario(path).whenScenarioStateIs("recovered").willReturn(ok));
    }

    private void acceptUpdates() {
        stub(post(urlPathEqualTo(BY_SID)).willReturn(json(200, conversation(created()))));
    }

    private void acceptMessages() {
        ObjectNode m = SpecExamples.example(SpecExamples.CONVERSATIONS, "/v1/Conversations/{ConversationSid}/Messages",
                "post", "201", "create");
        m.put("conversation_sid", CH);
        m.put("account_sid", TwilioSamples.ACCOUNT_SID);
        stub(post(urlPathEqualTo(MESSAGES)).willReturn(json(201, m.toString())));
        // A retry looks at the recent messages first: none of this event's is there.
        ObjectNode page = SpecExamples.example(SpecExamples.CONVERSATIONS, "/v1/Conversations/{ConversationSid}/Messages",
                "get", "200", "readFull");
        page.putArray("messages");
        stub(get(urlPathEqualTo(MESSAGES)).willReturn(json(200, page.toString())));
    }

    private static CustomerMessage message(String eventId) {
        PhoneNumber customer = PhoneNumber.of(TwilioSamples.CUSTOMER);
        ConversationRef ref = new ConversationRef(ConversationId.of("conv-1"), PhoneNumber.of(TwilioSamples.SENDER),
                customer, Optional.of("Ana Souza"), Optional.empty());
        InboundMessage m = new InboundMessage(eventId, "SM" + "1".repeat(32), ref.business(), customer,
                Optional.of("Ana Souza"), NOW, new MessageContent.Text("Oi"), Optional.empty(), Optional.empty());
        WindowState window = new WindowState(Optional.of(NOW), Optional.of(NOW.plus(Duration.ofHours(24))),
                Optional.empty(), Optional.empty(), Optional.empty());
        return new CustomerMessage(ref, m, List.of(), new ConversationStatus(window, WindowPhase.OPEN,
                Optional.of(NOW.plus(Duration.ofHours(24))), Money.of("0", "USD"), NOW));
    }

    private List<LoggedRequest> posts(String path) {
        return stub().server().findAll(postRequestedFor(urlPathEqualTo(path)));
    }

    private JsonNode lastSetup() {
        List<LoggedRequest> updates = posts(BY_SID);
        assertThat(updates).as("attribute writes").isNotEmpty();
        try {
            return JSON.readTree(form(updates.get(updates.size() - 1)).get("Attributes")).path("deskbridge");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Runs the message once (it fails), then again, as the host's retry does. */
    private void failsThenLands(CrmSession session, String eventId) {
        assertThatThrownBy(() -> session.appendCustomerMessage(message(eventId))).isInstanceOf(RetryableException.class);
        assertThat(session.appendCustomerMessage(message(eventId)).id()).isEqualTo(CH);
    }

    // ---- one test per step ----

    @Test
    void theParticipantsCallFailingOnceLeavesTheCustomerAParticipantAfterTheRetry() {
        CrmSession session = open(false);
        conversationAfterCreate(created());
        failsOnce(PARTICIPANTS, twilio503(), json(201, participant()));
        acceptUpdates();
        acceptMessages();

        failsThenLands(session, "twilio:SM1");

        assertThat(posts(CONVERSATIONS)).as("one Conversation").hasSize(1);
        assertThat(posts(PARTICIPANTS)).hasSize(2)
                .allSatisfy(r -> assertThat(form(r)).containsEntry("Identity", "whatsapp:" + TwilioSamples.CUSTOMER));
        assertThat(lastSetup().path("setup").path("customer").asBoolean()).isTrue();
        assertThat(posts(MESSAGES)).as("the message, once").hasSize(1);
    }

    @Test
    void aProxysHtml503OnTheParticipantsCallIsRetriedToo() {
        CrmSession session = open(false);
        conversationAfterCreate(created());
        failsOnce(PARTICIPANTS, proxy503(), json(201, participant()));
        acceptUpdates();
        acceptMessages();

        failsThenLands(session, "twilio:SM1");

        assertThat(posts(PARTICIPANTS)).hasSize(2);
        assertThat(lastSetup().path("setup").path("customer").asBoolean()).isTrue();
        stub().server().resetRequests(); // the proxy's page is not Twilio's answer: no description check
    }

    @Test
    void theNextMessageCompletesAConversationAnEarlierAttemptLeftWithoutItsCustomer() {
        // The first message's attempt made the Conversation and died before the participant (a
        // crash); the next one, not a retry, completes it.
        CrmSession session = open(false);
        stub(get(urlPathEqualTo(BY_NAME)).willReturn(json(200, conversation(created()))));
        stub(post(urlPathEqualTo(PARTICIPANTS)).willReturn(json(201, participant())));
        acceptUpdates();
        acceptMessages();

        session.appendCustomerMessage(message("twilio:SM2"));

        assertThat(posts(PARTICIPANTS)).hasSize(1);
        assertThat(lastSetup().path("setup").path("customer").asBoolean()).isTrue();
    }

    @Test
    void creatingTheConversationFailingOnceMakesItOnTheRetry() {
        CrmSession session = open(false);
        stub(get(urlPathEqualTo(BY_NAME)).inScenario("conversation").whenScenarioStateIs(STARTED)
                .willReturn(json(404, SpecExamples.error(20404, "Not found", 404))));
        stub(post(urlPathEqualTo(CONVERSATIONS)).inScenario("conversation").whenScenarioStateIs(STARTED)
                .willReturn(proxy503()).willSetStateTo("up"));
        stub(get(urlPathEqualTo(BY_NAME)).inScenario("conversation").whenScenarioStateIs("up")
                .willReturn(json(404, SpecExamples.error(20404, "Not found", 404))));
        stub(post(urlPathEqualTo(CONVERSATIONS)).inScenario("conversation").whenScenarioStateIs("up")
                .willReturn(json(201, conversation(created()))));
        stub(post(urlPathEqualTo(PARTICIPANTS)).willReturn(json(201, participant())));
        acceptUpdates();
        acceptMessages();

        failsThenLands(session, "twilio:SM3");

        assertThat(posts(CONVERSATIONS)).hasSize(2)
                .allSatisfy(r -> assertThat(form(r)).containsEntry("UniqueName", "conv-1"));
        assertThat(posts(PARTICIPANTS)).hasSize(1);
        assertThat(posts(MESSAGES)).hasSize(1);
        stub().server().resetRequests();
    }

    @Test
    void aConversationCreatedWhoseAnswerWasLostIsCompletedOnTheRetry() {
        // Twilio made the Conversation but the answer never came: the retry finds it by name.
        CrmSession session = open(false);
        stub(get(urlPathEqualTo(BY_NAME)).inScenario("conversation").whenScenarioStateIs(STARTED)
                .willReturn(json(404, SpecExamples.error(20404, "Not found", 404))));
        stub(post(urlPathEqualTo(CONVERSATIONS)).inScenario("conversation").whenScenarioStateIs(STARTED)
                .willReturn(twilio503()).willSetStateTo("made"));
        stub(get(urlPathEqualTo(BY_NAME)).inScenario("conversation").whenScenarioStateIs("made")
                .willReturn(json(200, conversation(created()))));
        stub(post(urlPathEqualTo(PARTICIPANTS)).willReturn(json(201, participant())));
        acceptUpdates();
        acceptMessages();

        failsThenLands(session, "twilio:SM4");

        assertThat(posts(CONVERSATIONS)).hasSize(1);
        assertThat(posts(PARTICIPANTS)).hasSize(1);
        assertThat(lastSetup().path("setup").path("customer").asBoolean()).isTrue();
    }

    @Test
    void attributesThatDoNotSayWhomTheConversationIsAboutAreWrittenKeepingOthersKeys() {
        CrmSession session = open(false);
        stub(get(urlPathEqualTo(BY_NAME)).willReturn(json(200, conversation("{\"flex\":{\"taskSid\":\"WT1\"}}"))));
        stub(post(urlPathEqualTo(PARTICIPANTS)).willReturn(json(409, SpecExamples.error(50433,
                "Participant already exists", 409))));
        acceptUpdates();
        acceptMessages();

        session.appendCustomerMessage(message("twilio:SM5"));

        JsonNode mine = lastSetup();
        assertThat(mine.path("conversationId").asText()).isEqualTo("conv-1");
        assertThat(mine.path("customer").asText()).isEqualTo(TwilioSamples.CUSTOMER);
        assertThat(mine.path("window").path("phase").asText()).isEqualTo("OPEN");
        assertThat(mine.path("setup").path("customer").asBoolean()).as("'already a participant' is done").isTrue();
        try {
            assertThat(JSON.readTree(form(posts(BY_SID).get(0)).get("Attributes")).path("flex").path("taskSid")
                    .asText()).isEqualTo("WT1");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void recordingTheStepsFailingOnceIsDoneOnTheRetryWithoutASecondParticipant() {
        CrmSession session = open(false);
        conversationAfterCreate(created());
        stub(post(urlPathEqualTo(PARTICIPANTS)).inScenario("participant").whenScenarioStateIs(STARTED)
                .willReturn(json(201, participant())).willSetStateTo("added"));
        stub(post(urlPathEqualTo(PARTICIPANTS)).inScenario("participant").whenScenarioStateIs("added")
                .willReturn(json(409, SpecExamples.error(50433, "Participant already exists", 409))));
        failsOnce(BY_SID, twilio503(), json(200, conversation(created())));
        acceptMessages();

        failsThenLands(session, "twilio:SM6");

        assertThat(posts(PARTICIPANTS)).hasSize(2);
        assertThat(lastSetup().path("setup").path("customer").asBoolean()).isTrue();
        assertThat(posts(MESSAGES)).hasSize(1);
    }

    @Test
    void theConversationsOwnWebhookFailingOnceIsAddedOnTheRetry() {
        CrmSession session = open(true);
        conversationAfterCreate(created());
        stub(post(urlPathEqualTo(PARTICIPANTS)).willReturn(json(201, participant())));
        ObjectNode none = SpecExamples.example(SpecExamples.CONVERSATIONS, "/v1/Conversations/{ConversationSid}/Webhooks",
                "get", "200", "readEmpty");
        stub(get(urlPathEqualTo(WEBHOOKS)).willReturn(json(200, none.toString())));
        ObjectNode hook = SpecExamples.example(SpecExamples.CONVERSATIONS, "/v1/Conversations/{ConversationSid}/Webhooks",
                "post", "201", "create");
        failsOnce(WEBHOOKS, twilio503(), json(201, hook.toString()));
        acceptUpdates();
        acceptMessages();

        failsThenLands(session, "twilio:SM7");

        List<LoggedRequest> hooks = posts(WEBHOOKS);
        assertThat(hooks).hasSize(2);
        assertThat(form(hooks.get(1))).containsEntry("Target", "webhook").containsEntry("Configuration.Url", HOOK_URL)
                .containsEntry("Configuration.Method", "post").containsEntry("Configuration.Filters", "onMessageAdded");
        JsonNode setup = lastSetup().path("setup");
        assertThat(setup.path("customer").asBoolean()).isTrue();
        assertThat(setup.path("webhook").asBoolean()).isTrue();
        assertThat(posts(MESSAGES)).hasSize(1);
    }

    @Test
    void aWebhookAlreadyInPlaceIsNotAddedAgain() {
        CrmSession session = open(true);
        stub(get(urlPathEqualTo(BY_NAME)).willReturn(json(200, conversation(
                "{\"deskbridge\":{\"conversationId\":\"conv-1\",\"customer\":\"" + TwilioSamples.CUSTOMER
                        + "\",\"setup\":{\"customer\":true}}}"))));
        ObjectNode page = SpecExamples.example(SpecExamples.CONVERSATIONS, "/v1/Conversations/{ConversationSid}/Webhooks",
                "get", "200", "readFull");
        ArrayNode list = (ArrayNode) page.get("webhooks");
        ((ObjectNode) list.get(0).get("configuration")).put("url", HOOK_URL);
        stub(get(urlPathEqualTo(WEBHOOKS)).willReturn(json(200, page.toString())));
        acceptUpdates();
        acceptMessages();

        session.appendCustomerMessage(message("twilio:SM8"));

        assertThat(posts(WEBHOOKS)).isEmpty();
        assertThat(lastSetup().path("setup").path("webhook").asBoolean()).isTrue();
    }
}
