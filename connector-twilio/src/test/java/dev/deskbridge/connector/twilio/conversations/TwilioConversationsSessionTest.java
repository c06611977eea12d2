package dev.deskbridge.connector.twilio.conversations;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.deskbridge.connector.api.CrmSession;
import dev.deskbridge.connector.api.error.ConfigurationException;
import dev.deskbridge.connector.api.error.PermanentException;
import dev.deskbridge.connector.api.error.RetryableException;
import dev.deskbridge.connector.api.model.AgentNotice;
import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.model.ConversationRef;
import dev.deskbridge.connector.api.model.CustomerMessage;
import dev.deskbridge.connector.api.model.EntryLink;
import dev.deskbridge.connector.api.model.DeliveryError;
import dev.deskbridge.connector.api.model.DeliveryNotice;
import dev.deskbridge.connector.api.model.DeliveryStatus;
import dev.deskbridge.connector.api.model.InboundMessage;
import dev.deskbridge.connector.api.model.MessageContent;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.model.TicketRef;
import dev.deskbridge.connector.api.pricing.ConversationStatus;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.PricingCategory;
import dev.deskbridge.connector.api.pricing.PricingType;
import dev.deskbridge.connector.api.pricing.Quote;
import dev.deskbridge.connector.api.pricing.WindowPhase;
import dev.deskbridge.connector.api.pricing.WindowState;
import dev.deskbridge.connector.testkit.FakeConnectorContext;
import dev.deskbridge.connector.twilio.TwilioConversationsConnector;
import dev.deskbridge.connector.twilio.stub.SpecExamples;
import dev.deskbridge.connector.twilio.stub.TwilioSamples;
import dev.deskbridge.connector.twilio.stub.TwilioStub;
import dev.deskbridge.connector.twilio.stub.TwilioStubExtension;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** The Conversations side, against a stub every request of which is checked against Twilio's description. */
class TwilioConversationsSessionTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String CH = "CH0123456789abcdef0123456789abcdef";
    static final String CONVERSATIONS = "/v1/Conversations";
    static final String BY_NAME = CONVERSATIONS + "/conv-1";
    static final String BY_SID = CONVERSATIONS + "/" + CH;
    static final String MESSAGES = BY_SID + "/Messages";
    static final String PARTICIPANTS = BY_SID + "/Participants";
    static final Instant NOW = Instant.parse("2026-10-05T08:00:00Z");

    @RegisterExtension
    final TwilioStubExtension twilio = new TwilioStubExtension();
    private TwilioStub stub;
    private FakeConnectorContext context;
    private CrmSession session;

    @BeforeEach
    void start() {
        stub = twilio.stub();
        TwilioConversationsConnector connector = new TwilioConversationsConnector();
        context = FakeConnectorContext.of(connector.configSpec(), TwilioSamples.conversationsSettings(stub.baseUrl()));
        session = twilio.closeAfter(connector.open(context));
    }

    // ---- stub answers, from the descriptions' examples ----

    private static ObjectNode conversation(String uniqueName, String state, String attributes) {
        ObjectNode c = SpecExamples.example(SpecExamples.CONVERSATIONS, "/v1/Conversations/{Sid}", "get", "200", "fetch");
        c.put("sid", CH);
        c.put("account_sid", TwilioSamples.ACCOUNT_SID);
        c.put("unique_name", uniqueName);
        c.put("state", state);
        c.put("attributes", attributes);
        return c;
    }

    /** Attributes of a Conversation whose every creation step is done. */
    static final String SET_UP = "{\"deskbridge\":{\"conversationId\":\"conv-1\",\"customer\":\""
            + TwilioSamples.CUSTOMER + "\",\"setup\":{\"customer\":true}}}";

    private static ResponseDefinitionBuilder json(int status, Object body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body.toString());
    }

    private static ResponseDefinitionBuilder twilioError(int status, int code, String message) {
        return json(status, SpecExamples.error(code, message, status));
    }

    private void stub(MappingBuilder mapping) {
        stub.server().stubFor(mapping);
    }

    private void acceptMessages() {
        ObjectNode m = SpecExamples.example(SpecExamples.CONVERSATIONS, "/v1/Conversations/{ConversationSid}/Messages",
                "post", "201", "create");
        m.put("conversation_sid", CH);
        m.put("account_sid", TwilioSamples.ACCOUNT_SID);
        stub(post(urlPathEqualTo(MESSAGES)).willReturn(json(201, m)));
    }

    private void acceptConversationUpdates() {
        ObjectNode c = SpecExamples.example(SpecExamples.CONVERSATIONS, "/v1/Conversations/{Sid}", "post", "200", "update");
        c.put("sid", CH);
        c.put("account_sid", TwilioSamples.ACCOUNT_SID);
        stub(post(urlPathEqualTo(BY_SID)).willReturn(json(200, c)));
    }

    // ---- what DeskBridge hands the session ----

    private static ConversationStatus status(WindowPhase phase, String cost, Instant asOf) {
        WindowState window = new WindowState(Optional.of(NOW), Optional.of(NOW.plus(Duration.ofHours(24))),
                Optional.empty(), Optional.empty(), Optional.empty());
        return new ConversationStatus(window, phase, Optional.of(NOW.plus(Duration.ofHours(24))),
                Money.of(cost, "USD"), asOf);
    }

    private static CustomerMessage customerMessage(String eventId, MessageContent content) {
        PhoneNumber customer = PhoneNumber.of(TwilioSamples.CUSTOMER);
        ConversationRef ref = new ConversationRef(ConversationId.of("conv-1"), PhoneNumber.of(TwilioSamples.SENDER),
                customer, Optional.of("Ana Souza"), Optional.empty());
        InboundMessage message = new InboundMessage(eventId, "SM" + "1".repeat(32), ref.business(), customer,
                Optional.of("Ana Souza"), NOW, content, Optional.empty(), Optional.empty());
        return new CustomerMessage(ref, message, List.of(), status(WindowPhase.OPEN, "0", NOW));
    }

    private static CustomerMessage customerMessage(String eventId, String text) {
        return customerMessage(eventId, new MessageContent.Text(text));
    }

    private static CustomerMessage customerMessageFromLink(String eventId, String text, EntryLink link) {
        CustomerMessage m = customerMessage(eventId, text);
        return new CustomerMessage(m.conversation(), m.message(), m.attachments(), m.status(), false, Optional.of(link));
    }

    // ---- reading what was sent ----

    private List<LoggedRequest> posts(String path) {
        return stub.server().findAll(postRequestedFor(urlPathEqualTo(path)));
    }

    static Map<String, String> form(LoggedRequest r) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : r.getBodyAsString().split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return form;
    }

    private static JsonNode attributes(LoggedRequest r) {
        try {
            return JSON.readTree(form(r).get("Attributes"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    // ---- customer messages ----

    @Test
    void firstMessageCreatesTheConversationAddsTheCustomerAndPostsAsThem() {
        stub(get(urlPathEqualTo(BY_NAME)).willReturn(twilioError(404, 20404, "The requested resource was not found")));
        stub(post(urlPathEqualTo(CONVERSATIONS)).willReturn(json(201, conversation("conv-1", "active", "{}"))));
        ObjectNode participant = SpecExamples.example(SpecExamples.CONVERSATIONS,
                "/v1/Conversations/{ConversationSid}/Participants", "post", "201", "createChat");
        stub(post(urlPathEqualTo(PARTICIPANTS)).willReturn(json(201, participant)));
        acceptConversationUpdates();
        acceptMessages();

        TicketRef ticket = session.appendCustomerMessage(customerMessage("twilio:SM1", "Oi, meu pedido não chegou"));

        assertThat(ticket.id()).isEqualTo(CH);
        Map<String, String> created = form(posts(CONVERSATIONS).get(0));
        assertThat(created).containsEntry("UniqueName", "conv-1")
                .containsEntry("FriendlyName", "WhatsApp Ana Souza (" + TwilioSamples.CUSTOMER + ")");
        JsonNode convAttributes = attributes(posts(CONVERSATIONS).get(0)).path("deskbridge");
        assertThat(convAttributes.path("conversationId").asText()).isEqualTo("conv-1");
        assertThat(convAttributes.path("customer").asText()).isEqualTo(TwilioSamples.CUSTOMER);
        assertThat(convAttributes.path("window").path("phase").asText()).isEqualTo("OPEN");
        assertThat(form(posts(PARTICIPANTS).get(0))).containsEntry("Identity", "whatsapp:" + TwilioSamples.CUSTOMER);
        // The participant step is marked done, so no later message repeats it.
        assertThat(attributes(posts(BY_SID).get(0)).path("deskbridge").path("setup").path("customer").asBoolean())
                .isTrue();
        LoggedRequest message = posts(MESSAGES).get(0);
        assertThat(form(message)).containsEntry("Author", "whatsapp:" + TwilioSamples.CUSTOMER)
                .containsEntry("Body", "Oi, meu pedido não chegou");
        assertThat(attributes(message).path("deskbridge").path("sentAt").asText()).isEqualTo("2026-10-05T08:00:00Z");
        assertThat(attributes(message).path("deskbridge").path("origin").asText()).isEqualTo("customer");
        assertThat(attributes(message).path("deskbridge").path("eventId").asText()).isEqualTo("twilio:SM1");
        assertThat(message.getHeader("X-Twilio-Webhook-Enabled")).isEqualTo("true");
        assertThat(message.getHeader("X-Forwarded-Host")).isEqualTo("conversations.twilio.com");
    }

    @Test
    void theLinkAFirstMessageCameFromIsInTheNewConversationsAttributes() {
        stub(get(urlPathEqualTo(BY_NAME)).willReturn(twilioError(404, 20404, "The requested resource was not found")));
        stub(post(urlPathEqualTo(CONVERSATIONS)).willReturn(json(201, conversation("conv-1", "active", "{}"))));
        ObjectNode participant = SpecExamples.example(SpecExamples.CONVERSATIONS,
                "/v1/Conversations/{ConversationSid}/Participants", "post", "201", "createChat");
        stub(post(urlPathEqualTo(PARTICIPANTS)).willReturn(json(201, participant)));
        acceptConversationUpdates();
        acceptMessages();

        session.appendCustomerMessage(customerMessageFromLink("twilio:SM1", "Hi (from the poster)",
                new EntryLink("K7Q2M9", "Spring poster", "poster")));

        JsonNode link = attributes(posts(CONVERSATIONS).get(0)).path("deskbridge").path("entryLink");
        assertThat(link.path("code").asText()).isEqualTo("K7Q2M9");
        assertThat(link.path("name").asText()).isEqualTo("Spring poster");
        assertThat(link.path("source").asText()).isEqualTo("poster");
    }

    @Test
    void aLinkOnAConversationThatExistsIsAddedOnceAndTheFirstOneStays() {
        stub(get(urlPathEqualTo(BY_NAME)).willReturn(json(200, conversation("conv-1", "active", SET_UP))));
        acceptConversationUpdates();
        acceptMessages();

        session.appendCustomerMessage(customerMessageFromLink("twilio:SM2", "hello",
                new EntryLink("K7Q2M9", "Spring poster", "poster")));

        assertThat(posts(BY_SID)).hasSize(1);
        JsonNode written = attributes(posts(BY_SID).get(0)).path("deskbridge");
        assertThat(written.path("entryLink").path("code").asText()).isEqualTo("K7Q2M9");
        assertThat(written.path("setup").path("customer").asBoolean()).as("what was there is kept").isTrue();

        ConversationAttributes again = ConversationAttributes.parse("{\"deskbridge\":" + written + "}");
        assertThat(again.entryLink(new EntryLink("ZZZZZZ", "Receipt", "receipt"))).as("the first link stays").isFalse();
    }

    @Test
    void laterMessagesGoToTheExistingConversation() {
        stub(get(urlPathEqualTo(BY_NAME)).willReturn(json(200, conversation("conv-1", "active", SET_UP))));
        acceptMessages();

        TicketRef ticket = session.appendCustomerMessage(customerMessage("twilio:SM2", "any news?"));

        assertThat(ticket.id()).isEqualTo(CH);
        assertThat(posts(CONVERSATIONS)).isEmpty();
        assertThat(posts(PARTICIPANTS)).isEmpty();
        assertThat(posts(BY_SID)).as("nothing left to complete").isEmpty();
        assertThat(posts(MESSAGES)).hasSize(1);
        assertThat(stub.server().findAll(getRequestedFor(urlPathEqualTo(MESSAGES)))).as("no look-back on a first try")
                .isEmpty();
    }

    @Test
    void aClosedConversationIsFollowedByANewOne() {
        stub(get(urlPathEqualTo(BY_NAME)).willReturn(json(200, conversation("conv-1", "closed", "{}"))));
        stub(get(urlPathEqualTo(BY_NAME + "-followup-2")).willReturn(twilioError(404, 20404, "Not found")));
        stub(post(urlPathEqualTo(CONVERSATIONS)).willReturn(json(201, conversation("conv-1-followup-2", "active", "{}"))));
        stub(post(urlPathEqualTo(PARTICIPANTS)).willReturn(json(201, SpecExamples.example(SpecExamples.CONVERSATIONS,
                "/v1/Conversations/{ConversationSid}/Participants", "post", "201", "createChat"))));
        acceptConversationUpdates();
        acceptMessages();

        session.appendCustomerMessage(customerMessage("twilio:SM3", "hello again"));

        assertThat(form(posts(CONVERSATIONS).get(0))).containsEntry("UniqueName", "conv-1-followup-2");
    }

    @Test
    void losingTheCreateRaceUsesTheOtherWorkersConversation() {
        stub(get(urlPathEqualTo(BY_NAME)).inScenario("race").whenScenarioStateIs(STARTED)
                .willReturn(twilioError(404, 20404, "Not found")).willSetStateTo("created elsewhere"));
        stub(get(urlPathEqualTo(BY_NAME)).inScenario("race").whenScenarioStateIs("created elsewhere")
                .willReturn(json(200, conversation("conv-1", "active", SET_UP))));
        stub(post(urlPathEqualTo(CONVERSATIONS)).willReturn(
                twilioError(409, 50353, "Conversation with provided unique name already exists")));
        acceptMessages();

        assertThat(session.appendCustomerMessage(customerMessage("twilio:SM4", "hi")).id()).isEqualTo(CH);
        assertThat(posts(PARTICIPANTS)).as("the winner added the customer").isEmpty();
        assertThat(posts(MESSAGES)).hasSize(1);
    }

    @Test
    void aRetryAfterALostAnswerDoesNotPostTwice() {
        stub(get(urlPathEqualTo(BY_NAME)).willReturn(json(200, conversation("conv-1", "active", SET_UP))));
        stub(post(urlPathEqualTo(MESSAGES)).willReturn(twilioError(503, 20503, "Service Unavailable")));
        assertThatThrownBy(() -> session.appendCustomerMessage(customerMessage("twilio:SM5", "hi")))
                .isInstanceOf(RetryableException.class);
        // Twilio stored it after all: the recent messages show it.
        ObjectNode page = SpecExamples.example(SpecExamples.CONVERSATIONS, "/v1/Conversations/{ConversationSid}/Messages",
                "get", "200", "readFull");
        ArrayNode messages = (ArrayNode) page.get("messages");
        ((ObjectNode) messages.get(0)).put("attributes", "{\"deskbridge\":{\"origin\":\"customer\",\"eventId\":\"twilio:SM5\"}}");
        stub(get(urlPathEqualTo(MESSAGES)).willReturn(json(200, page)));

        session.appendCustomerMessage(customerMessage("twilio:SM5", "hi"));

        assertThat(posts(MESSAGES)).hasSize(1);
        LoggedRequest lookBack = stub.server().findAll(getRequestedFor(urlPathEqualTo(MESSAGES))).get(0);
        assertThat(lookBack.queryParameter("Order").firstValue()).isEqualTo("desc");
    }

    @Test
    void aRetryTheHostAnnouncesIsLookedForEvenByAFreshSession() {
        // The session that tried first is gone (the host restarted); the host says this is a retry.
        stub(get(urlPathEqualTo(BY_NAME)).willReturn(json(200, conversation("conv-1", "active", SET_UP))));
        ObjectNode page = SpecExamples.example(SpecExamples.CONVERSATIONS, "/v1/Conversations/{ConversationSid}/Messages",
                "get", "200", "readFull");
        ArrayNode messages = (ArrayNode) page.get("messages");
        ((ObjectNode) messages.get(0)).put("attributes", "{\"deskbridge\":{\"origin\":\"customer\",\"eventId\":\"twilio:SM8\"}}");
        stub(get(urlPathEqualTo(MESSAGES)).willReturn(json(200, page)));
        acceptMessages();
        CustomerMessage first = customerMessage("twilio:SM8", "hi");

        session.appendCustomerMessage(new CustomerMessage(first.conversation(), first.message(), first.attachments(),
                first.status(), true));

        assertThat(posts(MESSAGES)).isEmpty();
    }

    @Test
    void aRetryPostsWhatDidNotArrive() {
        stub(get(urlPathEqualTo(BY_NAME)).willReturn(json(200, conversation("conv-1", "active", SET_UP))));
        stub(post(urlPathEqualTo(MESSAGES)).willReturn(twilioError(503, 20503, "Service Unavailable")));
        assertThatThrownBy(() -> session.appendCustomerMessage(customerMessage("twilio:SM6", "hi")))
                .isInstanceOf(RetryableException.class);
        stub(get(urlPathEqualTo(MESSAGES)).willReturn(json(200, SpecExamples.example(SpecExamples.CONVERSATIONS,
                "/v1/Conversations/{ConversationSid}/Messages", "get", "200", "readFull"))));
        acceptMessages();

        session.appendCustomerMessage(customerMessage("twilio:SM6", "hi"));

        assertThat(posts(MESSAGES)).hasSize(2);
    }

    @Test
    void longMessagesArePostedInPartsWithinTwiliosLimit() {
        stub(get(urlPathEqualTo(BY_NAME)).willReturn(json(200, conversation("conv-1", "active", SET_UP))));
        acceptMessages();
        String text = "a".repeat(1599) + "😀" + "b".repeat(500);

        session.appendCustomerMessage(customerMessage("twilio:SM7", text));

        List<LoggedRequest> parts = posts(MESSAGES);
        assertThat(parts).hasSize(2);
        assertThat(form(parts.get(0)).get("Body")).hasSize(1599);
        assertThat(form(parts.get(0)).get("Body") + form(parts.get(1)).get("Body")).isEqualTo(text);
        assertThat(attributes(parts.get(1)).path("deskbridge").path("part").asInt()).isEqualTo(1);
    }

    @Test
    void mediaIsSummarisedAndDescribedInTheMessageAttributes() {
        stub(get(urlPathEqualTo(BY_NAME)).willReturn(json(200, conversation("conv-1", "active", SET_UP))));
        acceptMessages();

        session.appendCustomerMessage(customerMessage("twilio:SM8", new MessageContent.Media(
                dev.deskbridge.connector.api.model.MediaKind.IMAGE, "https://api.twilio.com/media/ME1",
                Optional.of("image/jpeg"), Optional.empty(), Optional.empty(), Optional.empty())));

        LoggedRequest m = posts(MESSAGES).get(0);
        assertThat(form(m)).containsEntry("Body", "[image]");
        assertThat(attributes(m).path("deskbridge").path("media").path("id").asText())
                .isEqualTo("https://api.twilio.com/media/ME1");
    }

    // ---- window, cost, deliveries ----

    @Test
    void statusGoesIntoTheAttributesKeepingOtherClientsKeys() {
        stub(get(urlPathEqualTo(BY_SID)).willReturn(json(200, conversation("conv-1", "active",
                "{\"flex\":{\"taskSid\":\"WT123\"},\"deskbridge\":{\"conversationId\":\"conv-1\"}}"))));
        acceptConversationUpdates();

        session.updateStatus(TicketRef.of(CH), status(WindowPhase.CLOSING, "0.0125", NOW));

        JsonNode attributes = attributes(posts(BY_SID).get(0));
        assertThat(attributes.path("flex").path("taskSid").asText()).isEqualTo("WT123");
        JsonNode mine = attributes.path("deskbridge");
        assertThat(mine.path("conversationId").asText()).isEqualTo("conv-1");
        assertThat(mine.path("window").path("phase").asText()).isEqualTo("CLOSING");
        assertThat(mine.path("window").path("closesAt").asText()).isEqualTo("2026-10-06T08:00:00Z");
        assertThat(mine.path("costSoFar").path("amount").asText()).isEqualTo("0.0125");
        assertThat(mine.path("costSoFar").path("currency").asText()).isEqualTo("USD");
    }

    @Test
    void anUnchangedStatusWritesNothing() {
        ConversationAttributes current = ConversationAttributes.parse("{}");
        current.status(status(WindowPhase.OPEN, "0.01", NOW));
        stub(get(urlPathEqualTo(BY_SID)).willReturn(json(200, conversation("conv-1", "active", current.toJson()))));

        session.updateStatus(TicketRef.of(CH), status(WindowPhase.OPEN, "0.010", NOW.plusSeconds(60)));

        assertThat(posts(BY_SID)).isEmpty();
    }

    @Test
    void deliveriesAreRecordedWithoutFloodingAndLateOnesIgnored() {
        String sm = "SM" + "3".repeat(32);
        stub(get(urlPathEqualTo(BY_SID)).willReturn(json(200, conversation("conv-1", "active",
                "{\"deskbridge\":{\"deliveries\":{\"" + sm + "\":{\"status\":\"DELIVERED\",\"at\":\"2026-10-05T08:01:00Z\"}}}}"))));
        acceptConversationUpdates();

        session.recordDelivery(TicketRef.of(CH), new DeliveryNotice(sm, DeliveryStatus.SENT, NOW, Optional.empty(),
                Optional.empty()));
        assertThat(posts(BY_SID)).as("a late 'sent' after 'delivered' changes nothing").isEmpty();

        session.recordDelivery(TicketRef.of(CH), new DeliveryNotice(sm, DeliveryStatus.READ, NOW.plusSeconds(90),
                Optional.empty(), Optional.of(Money.of("0.0125", "USD"))));

        assertThat(posts(MESSAGES)).as("deliveries never post messages").isEmpty();
        JsonNode entry = attributes(posts(BY_SID).get(0)).path("deskbridge").path("deliveries").path(sm);
        assertThat(entry.path("status").asText()).isEqualTo("READ");
        assertThat(entry.path("cost").path("amount").asText()).isEqualTo("0.0125");
    }

    @Test
    void aDeliveryWithTheStatusAfterItIsOneReadAndOneWriteOfTheAttributes() {
        String sm = "SM" + "4".repeat(32);
        stub(get(urlPathEqualTo(BY_SID)).willReturn(json(200, conversation("conv-1", "active", SET_UP))));
        acceptConversationUpdates();

        session.recordDelivery(TicketRef.of(CH), new DeliveryNotice(sm, DeliveryStatus.DELIVERED, NOW,
                Optional.empty(), Optional.of(Money.of("0.0125", "USD"))), status(WindowPhase.OPEN, "0.0125", NOW));

        assertThat(stub.server().findAll(getRequestedFor(urlPathEqualTo(BY_SID)))).hasSize(1);
        assertThat(posts(BY_SID)).hasSize(1);
        JsonNode mine = attributes(posts(BY_SID).get(0)).path("deskbridge");
        assertThat(mine.path("deliveries").path(sm).path("status").asText()).isEqualTo("DELIVERED");
        assertThat(mine.path("costSoFar").path("amount").asText()).isEqualTo("0.0125");
        assertThat(mine.path("window").path("phase").asText()).isEqualTo("OPEN");
    }

    @Test
    void aLateDeliveryStillWritesTheStatusThatChanged() {
        String sm = "SM" + "5".repeat(32);
        stub(get(urlPathEqualTo(BY_SID)).willReturn(json(200, conversation("conv-1", "active",
                "{\"deskbridge\":{\"deliveries\":{\"" + sm + "\":{\"status\":\"READ\",\"at\":\"2026-10-05T08:01:00Z\"}}}}"))));
        acceptConversationUpdates();

        session.recordDelivery(TicketRef.of(CH), new DeliveryNotice(sm, DeliveryStatus.SENT, NOW, Optional.empty(),
                Optional.empty()), status(WindowPhase.CLOSING, "0.02", NOW));

        JsonNode mine = attributes(posts(BY_SID).get(0)).path("deskbridge");
        assertThat(mine.path("deliveries").path(sm).path("status").asText()).isEqualTo("READ");
        assertThat(mine.path("window").path("phase").asText()).isEqualTo("CLOSING");
    }

    @Test
    void onlyTheLatestDeliveriesAreKept() {
        StringBuilder known = new StringBuilder("{\"deskbridge\":{\"deliveries\":{");
        for (int i = 0; i < ConversationAttributes.MAX_DELIVERIES; i++) {
            known.append(i == 0 ? "" : ",").append("\"SM").append(String.format("%032d", i))
                    .append("\":{\"status\":\"DELIVERED\",\"at\":\"2026-10-05T08:00:00Z\"}");
        }
        known.append("}}}");
        stub(get(urlPathEqualTo(BY_SID)).willReturn(json(200, conversation("conv-1", "active", known.toString()))));
        acceptConversationUpdates();
        String newest = "SM" + "f".repeat(32);

        session.recordDelivery(TicketRef.of(CH), new DeliveryNotice(newest, DeliveryStatus.FAILED, NOW,
                Optional.of(new DeliveryError("63016", "Outside the window", Optional.empty())), Optional.empty()));

        JsonNode deliveries = attributes(posts(BY_SID).get(0)).path("deskbridge").path("deliveries");
        assertThat(deliveries.size()).isEqualTo(ConversationAttributes.MAX_DELIVERIES);
        assertThat(deliveries.has("SM" + String.format("%032d", 0))).as("oldest dropped").isFalse();
        assertThat(deliveries.path(newest).path("error").asText()).startsWith("63016");
    }

    // ---- notes ----

    /** The Conversation's recent messages: the spec's example, the first one marked with {@code attributes}. */
    private void stubRecentMessages(String attributes) {
        ObjectNode page = SpecExamples.example(SpecExamples.CONVERSATIONS, "/v1/Conversations/{ConversationSid}/Messages",
                "get", "200", "readFull");
        ((ObjectNode) page.get("messages").get(0)).put("attributes", attributes);
        stub(get(urlPathEqualTo(MESSAGES)).willReturn(json(200, page)));
    }

    @Test
    void aRetriedNoteFindsItsNoticeIdAndAnotherNoticeWithTheSameTextIsPosted() {
        acceptMessages();
        stubRecentMessages("{\"deskbridge\":{\"origin\":\"deskbridge\",\"type\":\"note\","
                + "\"noticeId\":\"notice:DELIVERY_FAILED:wamid.1\",\"kind\":\"DELIVERY_FAILED\"}}");

        session.notifyAgents(TicketRef.of(CH), new AgentNotice("notice:DELIVERY_FAILED:wamid.1",
                AgentNotice.Kind.DELIVERY_FAILED, "The customer did not receive a message.", Optional.empty()));
        assertThat(posts(MESSAGES)).isEmpty();

        session.notifyAgents(TicketRef.of(CH), new AgentNotice("notice:DELIVERY_FAILED:wamid.2",
                AgentNotice.Kind.DELIVERY_FAILED, "The customer did not receive a message.", Optional.empty()));
        assertThat(posts(MESSAGES)).singleElement().satisfies(note -> assertThat(attributes(note)
                .path("deskbridge").path("noticeId").asText()).isEqualTo("notice:DELIVERY_FAILED:wamid.2"));
    }

    @Test
    void notesArePostedAsMarkedDeskBridgeMessagesWithoutWebhooks() {
        acceptMessages();
        stubRecentMessages("{}");
        Quote quote = Quote.allowed(true, PricingCategory.UTILITY, PricingType.REGULAR, "BR", Money.of("0.008", "USD"),
                "PMP-2026-10");

        session.notifyAgents(TicketRef.of(CH), new AgentNotice("notice:TEMPLATE_SENT:1", AgentNotice.Kind.TEMPLATE_SENT,
                "The window was closed: template sent for 0.008 USD; your reply waits for the customer.",
                Optional.of(quote)));

        LoggedRequest note = posts(MESSAGES).get(0);
        assertThat(form(note)).containsEntry("Author", "DeskBridge")
                .containsEntry("Body", "The window was closed: template sent for 0.008 USD; your reply waits for the customer.");
        JsonNode mark = attributes(note).path("deskbridge");
        assertThat(mark.path("type").asText()).isEqualTo("note");
        assertThat(mark.path("kind").asText()).isEqualTo("TEMPLATE_SENT");
        assertThat(mark.path("noticeId").asText()).isEqualTo("notice:TEMPLATE_SENT:1");
        assertThat(mark.path("price").path("amount").asText()).isEqualTo("0.008");
        assertThat(note.getHeader("X-Twilio-Webhook-Enabled")).isEqualTo("false");
    }

    // ---- a Conversation deleted in Twilio ----

    /** What the session logs while {@code work} runs. */
    private List<String> logged(Runnable work) {
        Logger logger = (Logger) LoggerFactory.getLogger("deskbridge.connector." + context.instanceId());
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            work.run();
        } finally {
            logger.detachAppender(appender);
        }
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void deliveriesStatusAndNotesForADeletedConversationAreSkippedWithALogLineNotFailed() {
        stub(get(urlPathEqualTo(BY_SID)).willReturn(twilioError(404, 20404, "The requested resource was not found")));
        stub(get(urlPathEqualTo(MESSAGES)).willReturn(twilioError(404, 20404, "The requested resource was not found")));
        String sm = "SM" + "5".repeat(32);
        String text = "The customer " + TwilioSamples.CUSTOMER + " did not receive a message.";

        List<String> lines = logged(() -> {
            session.recordDelivery(TicketRef.of(CH), new DeliveryNotice(sm, DeliveryStatus.DELIVERED, NOW,
                    Optional.empty(), Optional.empty()));
            session.updateStatus(TicketRef.of(CH), status(WindowPhase.OPEN, "0.01", NOW));
            session.notifyAgents(TicketRef.of(CH), new AgentNotice("notice:DELIVERY_FAILED:" + sm,
                    AgentNotice.Kind.DELIVERY_FAILED, text, Optional.empty()));
        });

        assertThat(stub.server().findAll(postRequestedFor(urlPathMatching(CONVERSATIONS + ".*")))).isEmpty();
        assertThat(lines).hasSize(3).allSatisfy(line -> assertThat(line).contains(CH).contains("no longer exists")
                .doesNotContain(TwilioSamples.CUSTOMER).doesNotContain(text).doesNotContain(TwilioSamples.AUTH_TOKEN));
        assertThat(lines.get(0)).contains(sm);
        assertThat(lines.get(2)).contains("notice:DELIVERY_FAILED:" + sm);
    }

    @Test
    void aConversationDeletedBetweenTheReadAndTheWriteIsSkippedToo() {
        stub(get(urlPathEqualTo(BY_SID)).willReturn(json(200, conversation("conv-1", "active", SET_UP))));
        stub(post(urlPathEqualTo(BY_SID)).willReturn(twilioError(404, 20404, "The requested resource was not found")));
        stubRecentMessages("{}");
        stub(post(urlPathEqualTo(MESSAGES)).willReturn(twilioError(404, 20404, "The requested resource was not found")));

        List<String> lines = logged(() -> {
            session.recordDelivery(TicketRef.of(CH), new DeliveryNotice("SM" + "6".repeat(32), DeliveryStatus.READ,
                    NOW, Optional.empty(), Optional.empty()));
            session.notifyAgents(TicketRef.of(CH), new AgentNotice("notice:WINDOW_CLOSING:1",
                    AgentNotice.Kind.WINDOW_CLOSING, "closing soon", Optional.empty()));
        });

        assertThat(posts(BY_SID)).hasSize(1);
        assertThat(posts(MESSAGES)).hasSize(1);
        assertThat(lines).hasSize(2).allSatisfy(line -> assertThat(line).contains(CH).contains("no longer exists"));
        assertThat(context.metrics().total("notes_posted")).as("no note counted as posted").isZero();
    }

    @Test
    void otherRefusalsOfAStatusWriteStillFail() {
        stub(get(urlPathEqualTo(BY_SID)).willReturn(json(200, conversation("conv-1", "active", SET_UP))));
        stub(post(urlPathEqualTo(BY_SID)).willReturn(twilioError(400, 50100, "Invalid attributes")));

        assertThatThrownBy(() -> session.updateStatus(TicketRef.of(CH), status(WindowPhase.OPEN, "0.01", NOW)))
                .isInstanceOf(PermanentException.class).hasMessageContaining("50100");
    }

    // ---- failures ----

    @Test
    void refusedCredentialsAreAConfigurationErrorNamingTheSetting() {
        stub(get(urlPathEqualTo(BY_SID)).willReturn(twilioError(401, 20003, "Authenticate")));

        assertThatThrownBy(() -> session.updateStatus(TicketRef.of(CH), status(WindowPhase.OPEN, "0", NOW)))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(((ConfigurationException) e).setting()).contains("auth_token"));
    }

    @Test
    void throttlingIsRetryableWithRetryAfter() {
        stub(post(urlPathEqualTo(MESSAGES)).willReturn(twilioError(429, 20429, "Too Many Requests")
                .withHeader("Retry-After", "3")));
        stubRecentMessages("{}");

        assertThatThrownBy(() -> session.notifyAgents(TicketRef.of(CH), new AgentNotice("notice:WINDOW_CLOSING:1",
                AgentNotice.Kind.WINDOW_CLOSING,
                "closing soon", Optional.empty())))
                .isInstanceOf(RetryableException.class)
                .satisfies(e -> assertThat(((RetryableException) e).retryAfter()).contains(Duration.ofSeconds(3)));
    }
}
