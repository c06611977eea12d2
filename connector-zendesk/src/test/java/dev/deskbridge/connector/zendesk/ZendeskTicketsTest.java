package dev.deskbridge.connector.zendesk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.deskbridge.connector.zendesk.ZendeskStub.REQUESTER;
import static dev.deskbridge.connector.zendesk.ZendeskStub.created;
import static dev.deskbridge.connector.zendesk.ZendeskStub.error;
import static dev.deskbridge.connector.zendesk.ZendeskStub.ticket;
import static dev.deskbridge.connector.zendesk.ZendeskStub.ticketEnvelope;
import static dev.deskbridge.connector.zendesk.ZendeskStub.ticketList;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.deskbridge.connector.api.error.RetryableException;
import dev.deskbridge.connector.api.model.CustomerMessage;
import dev.deskbridge.connector.api.model.Attachment;
import dev.deskbridge.connector.api.model.MediaKind;
import dev.deskbridge.connector.api.model.MessageContent;
import dev.deskbridge.connector.api.model.TicketRef;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Customer messages on tickets: creation, idempotent retries, reopening, follow-ups, attachments. */
class ZendeskTicketsTest {
    private static final String CREATE = "/api/v2/tickets.json";
    private final ZendeskStub zendesk = new ZendeskStub();
    private final ZendeskSession session = zendesk.open();

    @AfterEach
    void stop() {
        session.close();
        zendesk.close();
    }

    private void noTicketForConversation() {
        zendesk.server.stubFor(get(urlPathEqualTo(CREATE)).withQueryParam("external_id", equalTo("conv-1"))
                .willReturn(okJson(ticketList())));
    }

    @Test
    void firstMessageCreatesTicketWithSubjectTagExternalIdAndRequesterComment() {
        zendesk.stubKnownCustomer();
        noTicketForConversation();
        zendesk.server.stubFor(post(urlPathEqualTo(CREATE)).willReturn(ZendeskStub.createdTicket(501, "Hello, my order 4711 has not arrived", "miss")));

        TicketRef ref = session.appendCustomerMessage(ZendeskStub.text("conv-1", Optional.empty(), "evt-1",
                "Hello, my order 4711 has not arrived yet and the tracking page shows nothing since Monday"));

        assertThat(ref.id()).isEqualTo("501");
        assertThat(ref.webUrl()).contains(zendesk.baseUrl() + "/agent/tickets/501");
        LoggedRequest create = only(postRequestedFor(urlPathEqualTo(CREATE)));
        assertThat(create.getHeader("Idempotency-Key")).startsWith("deskbridge-").hasSize("deskbridge-".length() + 64);
        assertThat(create.getBodyAsString()).satisfies(body -> {
            assertThat(body).contains("\"external_id\":\"conv-1\"")
                    .contains("\"subject\":\"Hello, my order 4711 has not arrived yet and the tracking…\"")
                    .contains("\"requester_id\":" + REQUESTER);
        });
        zendesk.server.verify(postRequestedFor(urlPathEqualTo(CREATE))
                .withRequestBody(matchingJsonPath("$.ticket.tags[?(@ == 'whatsapp')]"))
                .withRequestBody(matchingJsonPath("$.ticket.tags[?(@ == 'wa_window_open')]"))
                .withRequestBody(matchingJsonPath("$.ticket.comment.author_id", equalTo(String.valueOf(REQUESTER))))
                .withRequestBody(matchingJsonPath("$.ticket.comment.public", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.ticket.comment.body", equalTo(
                        "Hello, my order 4711 has not arrived yet and the tracking page shows nothing since Monday")))
                .withRequestBody(matchingJsonPath("$.ticket.custom_fields[?(@.id == " + ZendeskStub.WINDOW_FIELD
                        + ")].value", equalTo("2026-10-06 07:59 UTC")))
                .withRequestBody(matchingJsonPath("$.ticket.custom_fields[?(@.id == " + ZendeskStub.COST_FIELD
                        + ")].value", equalTo("0.00 USD"))));
    }

    @Test
    void retriedCreationAfterLostAnswerYieldsOneTicketThroughIdempotentReplay() {
        zendesk.stubKnownCustomer();
        noTicketForConversation();
        zendesk.server.stubFor(post(urlPathEqualTo(CREATE)).inScenario("create").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("created"));
        zendesk.server.stubFor(post(urlPathEqualTo(CREATE)).inScenario("create").whenScenarioStateIs("created")
                .willReturn(ZendeskStub.createdTicket(502, "Hi", "hit")));

        var message = ZendeskStub.text("conv-1", Optional.empty(), "evt-2", "Hi");
        assertThatThrownBy(() -> session.appendCustomerMessage(message)).isInstanceOf(RetryableException.class);
        TicketRef ref = session.appendCustomerMessage(message);

        assertThat(ref.id()).isEqualTo("502");
        List<LoggedRequest> creates = zendesk.server.findAll(postRequestedFor(urlPathEqualTo(CREATE)));
        assertThat(creates).hasSize(2);
        assertThat(creates.get(0).getHeader("Idempotency-Key")).isEqualTo(creates.get(1).getHeader("Idempotency-Key"));
        assertThat(creates.get(0).getBodyAsString()).isEqualTo(creates.get(1).getBodyAsString());
    }

    @Test
    void retryAfterIdempotencyConflictFindsTheTicketByExternalId() {
        zendesk.stubKnownCustomer();
        // Only the conflict sends the session looking: a first attempt creates without a look-up.
        zendesk.server.stubFor(get(urlPathEqualTo(CREATE)).withQueryParam("external_id", equalTo("conv-1"))
                .willReturn(okJson(ticketList(ticket(503, "new", "conv-1", "Hi", "whatsapp")))));
        zendesk.server.stubFor(post(urlPathEqualTo(CREATE)).willReturn(error(400,
                "{\"error\":\"IdempotentRequestError\",\"description\":\"Request parameters do not match"
                        + " the original request\"}")));

        TicketRef ref = session.appendCustomerMessage(ZendeskStub.text("conv-1", Optional.empty(), "evt-3", "Hi"));

        assertThat(ref.id()).isEqualTo("503");
        zendesk.server.verify(1, postRequestedFor(urlPathEqualTo(CREATE)));
        zendesk.server.verify(1, getRequestedFor(urlPathEqualTo(CREATE)));
    }

    @Test
    void laterMessageIsAPublicCommentByTheRequester() {
        zendesk.stubKnownCustomer();
        zendesk.stubTicket(600, "open", "whatsapp", "wa_window_open");
        zendesk.stubUpdatedTicket(600);

        TicketRef ref = session.appendCustomerMessage(ZendeskStub.text("conv-1", Optional.of("600"), "evt-4",
                "Any news?"));

        assertThat(ref.id()).isEqualTo("600");
        zendesk.server.verify(putRequestedFor(urlPathEqualTo("/api/v2/tickets/600.json"))
                .withRequestBody(matchingJsonPath("$.ticket.comment.body", equalTo("Any news?")))
                .withRequestBody(matchingJsonPath("$.ticket.comment.author_id", equalTo(String.valueOf(REQUESTER))))
                .withRequestBody(matchingJsonPath("$.ticket.comment.public", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.ticket.additional_tags[?(@ == 'wa_window_open')]")));
        LoggedRequest update = only(putRequestedFor(urlPathEqualTo("/api/v2/tickets/600.json")));
        assertThat(update.getBodyAsString()).doesNotContain("\"status\"");
        zendesk.server.verify(0, postRequestedFor(urlPathEqualTo(CREATE)));
    }

    @Test
    void messageOnSolvedTicketThatZendeskLeftSolvedIsReopenedByOneMoreUpdate() {
        zendesk.server.stubFor(put(urlPathEqualTo("/api/v2/tickets/601.json"))
                .withRequestBody(matchingJsonPath("$.ticket.comment"))
                .willReturn(okJson(ZendeskStub.ticketEnvelope(ticket(601, "solved", "conv-1", "Hi", "whatsapp")))));
        zendesk.server.stubFor(put(urlPathEqualTo("/api/v2/tickets/601.json"))
                .withRequestBody(matchingJsonPath("$.ticket.status", equalTo("open")))
                .willReturn(okJson(ZendeskStub.ticketEnvelope(ticket(601, "open", "conv-1", "Hi", "whatsapp")))));

        TicketRef ref = session.appendCustomerMessage(ZendeskStub.text("conv-1",
                Optional.of(ZendeskStub.knownTicket("601")), "evt-5", "It broke again", false));

        assertThat(ref.id()).isEqualTo("601");
        zendesk.server.verify(1, putRequestedFor(urlPathEqualTo("/api/v2/tickets/601.json"))
                .withRequestBody(matchingJsonPath("$.ticket.comment.body", equalTo("It broke again"))));
        zendesk.server.verify(1, putRequestedFor(urlPathEqualTo("/api/v2/tickets/601.json"))
                .withRequestBody(matchingJsonPath("$.ticket.status", equalTo("open"))));
        assertThat(zendesk.received()).as("no read, the comment, then the reopening").hasSize(2);
    }

    @Test
    void messageOnSolvedTicketThatZendeskReopenedCostsOneUpdate() {
        // Zendesk reopens a solved ticket when its requester comments: its answer says so.
        zendesk.stubUpdatedTicket(616);

        session.appendCustomerMessage(ZendeskStub.text("conv-1", Optional.of(ZendeskStub.knownTicket("616")),
                "evt-40", "It broke again", false));

        assertThat(zendesk.received()).hasSize(1);
        assertThat(zendesk.received().get(0).getBodyAsString()).doesNotContain("\"status\"");
    }

    @Test
    void messageOnClosedTicketOpensLinkedFollowUp() {
        zendesk.stubKnownCustomer();
        zendesk.stubTicket(602, "closed", "whatsapp");
        zendesk.server.stubFor(put(urlPathEqualTo("/api/v2/tickets/602.json"))
                .willReturn(error(422, ZendeskStub.CLOSED_TICKET_422)));
        zendesk.stubCreatedTicket(603);

        TicketRef ref = session.appendCustomerMessage(ZendeskStub.text("conv-1", Optional.of("602"), "evt-6",
                "Hello again"));

        assertThat(ref.id()).isEqualTo("603");
        zendesk.server.verify(postRequestedFor(urlPathEqualTo(CREATE))
                .withRequestBody(matchingJsonPath("$.ticket.via_followup_source_id", equalTo("602")))
                .withRequestBody(matchingJsonPath("$.ticket.external_id", equalTo("conv-1")))
                .withRequestBody(matchingJsonPath("$.ticket.subject", equalTo("Where is my order?")))
                .withRequestBody(matchingJsonPath("$.ticket.comment.body", equalTo("Hello again"))));
        assertThat(ref.crmData()).as("the requester, kept by the host for the next message")
                .contains("requester:" + REQUESTER);
    }

    @Test
    void ticketClosedBetweenReadAndUpdateGetsFollowUp() {
        zendesk.stubKnownCustomer();
        zendesk.stubTicket(604, "solved", "whatsapp");
        zendesk.server.stubFor(put(urlPathEqualTo("/api/v2/tickets/604.json"))
                .willReturn(error(422, ZendeskStub.CLOSED_TICKET_422)));
        zendesk.stubCreatedTicket(605);

        TicketRef ref = session.appendCustomerMessage(ZendeskStub.text("conv-1", Optional.of("604"), "evt-7", "Hi"));

        assertThat(ref.id()).isEqualTo("605");
        zendesk.server.verify(postRequestedFor(urlPathEqualTo(CREATE))
                .withRequestBody(matchingJsonPath("$.ticket.via_followup_source_id", equalTo("604"))));
    }

    @Test
    void ticketAtCommentLimitGetsFollowUp() {
        zendesk.stubKnownCustomer();
        zendesk.stubTicket(606, "open", "whatsapp");
        zendesk.server.stubFor(put(urlPathEqualTo("/api/v2/tickets/606.json")).willReturn(commentLimit()));
        zendesk.stubCreatedTicket(607);

        TicketRef ref = session.appendCustomerMessage(ZendeskStub.text("conv-1", Optional.of("606"), "evt-8",
                "One more thing"));

        assertThat(ref.id()).isEqualTo("607");
        zendesk.server.verify(postRequestedFor(urlPathEqualTo(CREATE))
                .withRequestBody(matchingJsonPath("$.ticket.via_followup_source_id", equalTo("606")))
                .withRequestBody(matchingJsonPath("$.ticket.comment.body", equalTo("One more thing"))));
    }

    @Test
    void commentLimitFollowUpIsLinkedByNoteWhenZendeskRefusesTheLinkToAnOpenTicket() {
        zendesk.stubKnownCustomer();
        zendesk.stubTicket(608, "open", "whatsapp");
        zendesk.server.stubFor(put(urlPathEqualTo("/api/v2/tickets/608.json")).willReturn(commentLimit()));
        zendesk.server.stubFor(post(urlPathEqualTo(CREATE))
                .withRequestBody(matchingJsonPath("$.ticket.via_followup_source_id"))
                .willReturn(error(422, "{\"error\":\"RecordInvalid\",\"description\":\"Record validation errors\","
                        + "\"details\":{\"via_followup_source_id\":[{\"description\":\"Follow-up source must be a closed"
                        + " ticket\"}]}}")));
        zendesk.server.stubFor(post(urlPathEqualTo(CREATE))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.notContaining("via_followup_source_id"))
                .willReturn(ZendeskStub.createdTicket(609, "Where is my order?", "miss")));
        zendesk.stubUpdatedTicket(609);
        zendesk.stubAudits(609);

        TicketRef ref = session.appendCustomerMessage(ZendeskStub.text("conv-1", Optional.of("608"), "evt-9",
                "Still there?"));

        assertThat(ref.id()).isEqualTo("609");
        zendesk.server.verify(putRequestedFor(urlPathEqualTo("/api/v2/tickets/609.json"))
                .withRequestBody(matchingJsonPath("$.ticket.comment.public", equalTo("false")))
                .withRequestBody(matchingJsonPath("$.ticket.comment.body",
                        com.github.tomakehurst.wiremock.client.WireMock.containing("continues ticket #608")))
                .withRequestBody(matchingJsonPath("$.ticket.metadata.deskbridge_event",
                        equalTo("note:continues:608:evt-9"))));
    }

    @Test
    void messageOnADeletedTicketGoesOnANewTicketThatCarriesTheConversation() {
        // The client library reads the update's 404 as an empty answer: it must not pass for the comment written.
        zendesk.server.stubFor(put(urlPathEqualTo("/api/v2/tickets/617.json"))
                .willReturn(error(404, ZendeskStub.RECORD_NOT_FOUND_404)));
        zendesk.stubCreatedTicket(618);

        TicketRef ref = session.appendCustomerMessage(ZendeskStub.text("conv-1",
                Optional.of(ZendeskStub.knownTicket("617")), "evt-60", "Are you still there?", false));

        assertThat(ref.id()).as("the host keeps the new ticket for the conversation").isEqualTo("618");
        assertThat(ref.crmData()).contains("requester:" + REQUESTER);
        LoggedRequest create = only(postRequestedFor(urlPathEqualTo(CREATE)));
        assertThat(create.getHeader("Idempotency-Key")).startsWith("deskbridge-");
        zendesk.server.verify(postRequestedFor(urlPathEqualTo(CREATE))
                .withRequestBody(matchingJsonPath("$.ticket.comment.body", equalTo("Are you still there?")))
                .withRequestBody(matchingJsonPath("$.ticket.comment.author_id", equalTo(String.valueOf(REQUESTER))))
                .withRequestBody(matchingJsonPath("$.ticket.external_id", equalTo("conv-1")))
                .withRequestBody(matchingJsonPath("$.ticket.metadata.deskbridge_event", equalTo("message:evt-60"))));
        // Zendesk links follow-ups to closed tickets only: a deleted one is not named.
        assertThat(create.getBodyAsString()).doesNotContain("via_followup_source_id");
        zendesk.server.verify(0, postRequestedFor(urlPathEqualTo("/api/v2/users/create_or_update.json")));
    }

    @Test
    void aRetriedMessageOnADeletedTicketMakesTheNewTicketOnce() {
        zendesk.stubDeletedTicket(621);
        zendesk.server.stubFor(post(urlPathEqualTo(CREATE)).inScenario("create").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("created"));
        zendesk.server.stubFor(post(urlPathEqualTo(CREATE)).inScenario("create").whenScenarioStateIs("created")
                .willReturn(ZendeskStub.createdTicket(622, "Hello?", "hit")));
        var first = ZendeskStub.text("conv-1", Optional.of(ZendeskStub.knownTicket("621")), "evt-61", "Hello?", false);
        assertThatThrownBy(() -> session.appendCustomerMessage(first)).isInstanceOf(RetryableException.class);

        // The host tries again, saying so: the look for the marker finds the ticket gone as well.
        TicketRef ref = session.appendCustomerMessage(new CustomerMessage(first.conversation(), first.message(),
                first.attachments(), first.status(), true));

        assertThat(ref.id()).isEqualTo("622");
        List<LoggedRequest> creates = zendesk.server.findAll(postRequestedFor(urlPathEqualTo(CREATE)));
        assertThat(creates).hasSize(2);
        assertThat(creates.get(1).getHeader("Idempotency-Key")).isEqualTo(creates.get(0).getHeader("Idempotency-Key"));
        assertThat(creates.get(1).getBodyAsString()).isEqualTo(creates.get(0).getBodyAsString());
        zendesk.server.verify(1, putRequestedFor(urlPathEqualTo("/api/v2/tickets/621.json")));
        zendesk.server.verify(1, getRequestedFor(urlPathEqualTo("/api/v2/tickets/621/audits.json")));
    }

    @Test
    void inboundMediaIsUploadedAndAttachedWithTheUploadToken() {
        zendesk.stubKnownCustomer();
        noTicketForConversation();
        byte[] photo = "\u0089PNG fake image bytes".getBytes(StandardCharsets.ISO_8859_1);
        zendesk.server.stubFor(post(urlPathEqualTo("/api/v2/uploads.json"))
                .withQueryParam("filename", equalTo("photo.png"))
                .willReturn(created("""
                    {"upload": {"token": "6bk3gql82em5nmf",
                      "attachment": %1$s, "attachments": [%1$s]}}"""
                        .formatted(ZendeskStub.attachment(498483, "photo.png", "image/png")))));
        zendesk.server.stubFor(post(urlPathEqualTo(CREATE)).willReturn(ZendeskStub.createdTicket(610, "Broken lid", "miss")));

        TicketRef ref = session.appendCustomerMessage(ZendeskStub.message("conv-1", Optional.empty(), "evt-10",
                new MessageContent.Media(MediaKind.IMAGE, "media-77", Optional.of("image/png"), Optional.empty(),
                        Optional.of("Broken lid"), Optional.of("photo.png")),
                List.of(new Attachment("photo.png", "image/png", photo))));

        assertThat(ref.id()).isEqualTo("610");
        zendesk.server.verify(postRequestedFor(urlPathEqualTo("/api/v2/uploads.json"))
                .withHeader("Content-Type", com.github.tomakehurst.wiremock.client.WireMock.containing("image/png"))
                .withRequestBody(binaryEqualTo(photo)));
        zendesk.server.verify(postRequestedFor(urlPathEqualTo(CREATE))
                .withRequestBody(matchingJsonPath("$.ticket.comment.uploads[0]", equalTo("6bk3gql82em5nmf")))
                .withRequestBody(matchingJsonPath("$.ticket.comment.body", equalTo("Broken lid"))));
    }

    @Test
    void retriedCommentAfterTimeoutIsFoundByItsMarkerNotPostedTwice() {
        zendesk.stubKnownCustomer();
        zendesk.stubTicket(611, "open", "whatsapp");
        zendesk.server.stubFor(put(urlPathEqualTo("/api/v2/tickets/611.json"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        var message = ZendeskStub.text("conv-1", Optional.of("611"), "evt-11", "Did you get this?");
        assertThatThrownBy(() -> session.appendCustomerMessage(message)).isInstanceOf(RetryableException.class);
        // The write went through after all: its audit carries the message's marker.
        zendesk.stubAudits(611, ZendeskStub.audit(9100, 611, REQUESTER, "Did you get this?", "message:evt-11"));

        TicketRef ref = session.appendCustomerMessage(message);

        assertThat(ref.id()).isEqualTo("611");
        zendesk.server.verify(1, putRequestedFor(urlPathEqualTo("/api/v2/tickets/611.json")));
        zendesk.server.verify(getRequestedFor(urlPathEqualTo("/api/v2/tickets/611/audits.json"))
                .withQueryParam("sort_order", equalTo("desc")));
        assertThat(only(putRequestedFor(urlPathEqualTo("/api/v2/tickets/611.json"))).getBodyAsString())
                .as("the write carries its marker in the audit's metadata")
                .contains("\"metadata\":{\"deskbridge_event\":\"message:evt-11\"}");
    }

    @Test
    void aThrottledCommentIsWrittenOnItsRetryWithoutReadingTheAuditsFirst() {
        // A 429 (here the ticket's own limit) is a request Zendesk did nothing with: its retry need not
        // look for it (one request fewer exactly when the allowance is short).
        zendesk.stubKnownCustomer();
        zendesk.server.stubFor(put(urlPathEqualTo("/api/v2/tickets/616.json")).inScenario("throttled")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "60")
                        .withHeader("X-Rate-Limit", "700").withHeader("X-Rate-Limit-Remaining", "650")
                        .withHeader("Content-Type", "application/json").withBody("{\"error\":\"TooManyRequests\"}"))
                .willSetStateTo("plenty"));
        zendesk.server.stubFor(put(urlPathEqualTo("/api/v2/tickets/616.json")).inScenario("throttled")
                .whenScenarioStateIs("plenty").willReturn(okJson(ZendeskStub.ticketEnvelope(ZendeskStub.ticket(616,
                        "open", "conv-1", "Hi", "whatsapp")))));
        var message = ZendeskStub.text("conv-1", Optional.of("616"), "evt-16", "Are you there?");
        assertThatThrownBy(() -> session.appendCustomerMessage(message))
                .isInstanceOf(dev.deskbridge.connector.api.error.ThrottledException.class);

        session.appendCustomerMessage(message);

        zendesk.server.verify(2, putRequestedFor(urlPathEqualTo("/api/v2/tickets/616.json")));
        zendesk.server.verify(0, getRequestedFor(urlPathEqualTo("/api/v2/tickets/616/audits.json")));
    }

    @Test
    void anEarlierIdenticalTextIsNotMistakenForTheRetriedMessage() {
        // "ok", "where is my order?", then "ok" again: the first "ok" is on the ticket with its own marker.
        zendesk.stubKnownCustomer();
        zendesk.stubTicket(614, "open", "whatsapp");
        zendesk.stubUpdatedTicket(614);
        zendesk.stubAudits(614,
                ZendeskStub.audit(9302, 614, REQUESTER, "where is my order?", "message:evt-21"),
                ZendeskStub.audit(9301, 614, REQUESTER, "ok", "message:evt-20"));
        var second = ZendeskStub.text("conv-1", Optional.of("614"), "evt-22", "ok");
        var retry = new CustomerMessage(second.conversation(), second.message(), second.attachments(),
                second.status(), true);

        session.appendCustomerMessage(retry);

        zendesk.server.verify(1, putRequestedFor(urlPathEqualTo("/api/v2/tickets/614.json"))
                .withRequestBody(matchingJsonPath("$.ticket.comment.body", equalTo("ok")))
                .withRequestBody(matchingJsonPath("$.ticket.metadata.deskbridge_event", equalTo("message:evt-22"))));
    }

    @Test
    void aRetryWhoseFirstAttemptFailedBeforeWritingIsWritten() {
        // The first attempt failed matching the requester (503), before any write: the retry must write.
        zendesk.server.stubFor(post(urlPathEqualTo("/api/v2/users/create_or_update.json")).inScenario("user")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(error(503, "{\"error\":\"ServiceUnavailable\"}")).willSetStateTo("up"));
        zendesk.server.stubFor(post(urlPathEqualTo("/api/v2/users/create_or_update.json")).inScenario("user")
                .whenScenarioStateIs("up").willReturn(okJson("{\"user\": " + ZendeskStub.user(REQUESTER, "Ana Lima",
                        "end-user", ZendeskStub.CUSTOMER.e164(), ZendeskStub.CUSTOMER.e164()) + "}")));
        zendesk.stubUpdatedTicket(615);
        zendesk.stubAudits(615, ZendeskStub.audit(9401, 615, REQUESTER, "ok", "message:evt-30"));
        var message = ZendeskStub.text("conv-1", Optional.of("615"), "evt-31", "ok");
        assertThatThrownBy(() -> session.appendCustomerMessage(message)).isInstanceOf(RetryableException.class);

        session.appendCustomerMessage(new CustomerMessage(message.conversation(), message.message(),
                message.attachments(), message.status(), true));

        zendesk.server.verify(1, putRequestedFor(urlPathEqualTo("/api/v2/tickets/615.json"))
                .withRequestBody(matchingJsonPath("$.ticket.metadata.deskbridge_event", equalTo("message:evt-31"))));
    }

    @Test
    void aRetryTheHostAnnouncesIsCheckedOnTheTicketEvenAfterARestart() {
        // A new session knows nothing of the earlier attempt: the host says it may have landed.
        zendesk.stubKnownCustomer();
        zendesk.stubTicket(613, "open", "whatsapp");
        zendesk.stubUpdatedTicket(613);
        zendesk.stubAudits(613, ZendeskStub.audit(9200, 613, REQUESTER, "Still there?", "message:evt-14"));
        var first = ZendeskStub.text("conv-1", Optional.of("613"), "evt-14", "Still there?");
        var retry = new CustomerMessage(first.conversation(), first.message(), first.attachments(), first.status(),
                true);

        assertThat(session.appendCustomerMessage(retry).id()).isEqualTo("613");

        zendesk.server.verify(0, putRequestedFor(urlPathEqualTo("/api/v2/tickets/613.json")));
        zendesk.server.verify(getRequestedFor(urlPathEqualTo("/api/v2/tickets/613/audits.json")));
    }

    @Test
    void knownTicketIsNotLookedUpOrCheckedForDuplicates() {
        zendesk.stubKnownCustomer();
        zendesk.stubUpdatedTicket(612);

        session.appendCustomerMessage(ZendeskStub.text("conv-1", Optional.of("612"), "evt-12", "Hi"));
        session.appendCustomerMessage(ZendeskStub.text("conv-1", Optional.of("612"), "evt-13", "Hello?"));

        zendesk.server.verify(0, getRequestedFor(urlPathEqualTo(CREATE)));
        zendesk.server.verify(0, getRequestedFor(urlPathEqualTo("/api/v2/tickets/612.json")));
        zendesk.server.verify(0, getRequestedFor(urlPathEqualTo("/api/v2/tickets/612/audits.json")));
        // A ticket without the requester (kept by an older host): matched once and remembered.
        zendesk.server.verify(1, postRequestedFor(urlPathEqualTo("/api/v2/users/create_or_update.json")));
    }

    @Test
    void aNewCustomersFirstMessageCostsTwoRequestsAndAKnownConversationsMessageOne() {
        zendesk.stubKnownCustomer();
        zendesk.stubCreatedTicket(620);
        zendesk.stubUpdatedTicket(620);

        TicketRef created = session.appendCustomerMessage(ZendeskStub.text("conv-1", Optional.empty(), "evt-50", "Hi"));

        assertThat(zendesk.received()).extracting(r -> r.getMethod() + " " + r.getUrl().replaceFirst("\\?.*", ""))
                .containsExactly("POST /api/v2/users/create_or_update.json", "POST /api/v2/tickets.json");
        assertThat(created.crmData()).contains("requester:" + REQUESTER);

        // A fresh session (a restarted host) with what the host stored: one update, nothing read.
        try (ZendeskSession restarted = zendesk.open()) {
            zendesk.server.resetRequests();
            restarted.appendCustomerMessage(ZendeskStub.text("conv-1", Optional.of(created), "evt-51", "Any news?", false));
            restarted.updateStatus(created, ZendeskStub.openStatus());
        }
        assertThat(zendesk.received()).extracting(r -> r.getMethod() + " " + r.getUrl())
                .containsExactly("PUT /api/v2/tickets/620.json");
        assertThat(zendesk.received().get(0).getBodyAsString()).as("comment, fields and tags in the one update")
                .contains("\"comment\"").contains("\"custom_fields\"").contains("\"additional_tags\"")
                .contains("\"author_id\":" + REQUESTER);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder commentLimit() {
        return error(422, "{\"error\":\"RecordInvalid\",\"description\":\"Record validation errors\",\"details\":"
                + "{\"base\":[{\"description\":\"Comments limit exceeded: a ticket can have at most 5000 comments\"}]}}");
    }

    private LoggedRequest only(com.github.tomakehurst.wiremock.matching.RequestPatternBuilder pattern) {
        List<LoggedRequest> found = zendesk.server.findAll(pattern);
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
