package dev.deskbridge.connector.zendesk;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.deskbridge.connector.zendesk.ZendeskStub.COST_FIELD;
import static dev.deskbridge.connector.zendesk.ZendeskStub.NOW;
import static dev.deskbridge.connector.zendesk.ZendeskStub.WINDOW_FIELD;
import static dev.deskbridge.connector.zendesk.ZendeskStub.error;
import static dev.deskbridge.connector.zendesk.ZendeskStub.ticket;
import static dev.deskbridge.connector.zendesk.ZendeskStub.ticketEnvelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.deskbridge.connector.api.error.PermanentException;
import dev.deskbridge.connector.api.model.AgentNotice;
import dev.deskbridge.connector.api.model.DeliveryError;
import dev.deskbridge.connector.api.model.DeliveryNotice;
import dev.deskbridge.connector.api.model.DeliveryStatus;
import dev.deskbridge.connector.api.model.TicketRef;
import dev.deskbridge.connector.api.pricing.ConversationStatus;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.PricingCategory;
import dev.deskbridge.connector.api.pricing.PricingType;
import dev.deskbridge.connector.api.pricing.Quote;
import dev.deskbridge.connector.api.pricing.WindowPhase;
import dev.deskbridge.connector.api.pricing.WindowState;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Window, cost, delivery and notices on the ticket. */
class ZendeskStatusTest {
    private static final String TICKET = "/api/v2/tickets/800.json";
    private final ZendeskStub zendesk = new ZendeskStub();
    private ZendeskSession session;
    private final TicketRef ref = TicketRef.of("800");

    @BeforeEach
    void start() {
        session = zendesk.open();
        zendesk.stubUpdatedTicket(800);
        zendesk.stubAudits(800);
    }

    @AfterEach
    void stop() {
        session.close();
        zendesk.close();
    }

    private static ConversationStatus status(WindowPhase phase, Optional<Instant> closesAt, String cost) {
        Instant end = Instant.parse("2026-10-05T12:30:00Z");
        return new ConversationStatus(new WindowState(Optional.of(end.minusSeconds(86400)), Optional.of(end),
                Optional.empty(), Optional.empty(), Optional.empty()), phase, closesAt, Money.of(cost, "USD"), NOW);
    }

    private List<LoggedRequest> updates() {
        return zendesk.server.findAll(putRequestedFor(urlPathEqualTo(TICKET)));
    }

    @Test
    void statusSetsBothFieldsAndExactlyOneWindowTag() {
        session.updateStatus(ref, status(WindowPhase.CLOSING, Optional.of(Instant.parse("2026-10-05T12:30:00Z")),
                "0.0250"));

        zendesk.server.verify(putRequestedFor(urlPathEqualTo(TICKET))
                .withRequestBody(matchingJsonPath("$.ticket.custom_fields[?(@.id == " + WINDOW_FIELD + ")].value",
                        equalTo("2026-10-05 12:30 UTC")))
                .withRequestBody(matchingJsonPath("$.ticket.custom_fields[?(@.id == " + COST_FIELD + ")].value",
                        equalTo("0.025 USD")))
                .withRequestBody(matchingJsonPath("$.ticket.additional_tags", equalTo("wa_window_closing")))
                .withRequestBody(matchingJsonPath("$.ticket.remove_tags[?(@ == 'wa_window_open')]"))
                .withRequestBody(matchingJsonPath("$.ticket.remove_tags[?(@ == 'wa_window_closed')]")));
        assertThat(updates().get(0).getBodyAsString()).doesNotContain("\"comment\"");
    }

    @Test
    void closedWindowSaysSinceWhen() {
        session.updateStatus(ref, status(WindowPhase.CLOSED, Optional.empty(), "0.0125"));

        zendesk.server.verify(putRequestedFor(urlPathEqualTo(TICKET))
                .withRequestBody(matchingJsonPath("$.ticket.custom_fields[?(@.id == " + WINDOW_FIELD + ")].value",
                        equalTo("closed since 2026-10-05 12:30 UTC")))
                .withRequestBody(matchingJsonPath("$.ticket.additional_tags", equalTo("wa_window_closed"))));
    }

    @Test
    void unchangedStatusIsNotWrittenAgain() {
        ConversationStatus s = status(WindowPhase.OPEN, Optional.of(Instant.parse("2026-10-05T12:30:00Z")), "0");
        session.updateStatus(ref, s);
        session.updateStatus(ref, s);
        session.updateStatus(ref, status(WindowPhase.OPEN, Optional.of(Instant.parse("2026-10-05T12:30:00Z")), "0.01"));

        assertThat(updates()).hasSize(2);
    }

    @Test
    void deliveredAndReadMoveOneTagWithoutComments() {
        session.recordDelivery(ref, notice("wamid.1", DeliveryStatus.SENT, Optional.empty()));
        session.recordDelivery(ref, notice("wamid.1", DeliveryStatus.DELIVERED, Optional.empty()));
        session.recordDelivery(ref, notice("wamid.2", DeliveryStatus.DELIVERED, Optional.empty()));
        session.recordDelivery(ref, notice("wamid.1", DeliveryStatus.READ, Optional.empty()));

        List<LoggedRequest> updates = updates();
        assertThat(updates).hasSize(2);
        assertThat(updates).allSatisfy(u -> assertThat(u.getBodyAsString()).doesNotContain("\"comment\""));
        zendesk.server.verify(putRequestedFor(urlPathEqualTo(TICKET))
                .withRequestBody(matchingJsonPath("$.ticket.additional_tags", equalTo("wa_delivered"))));
        zendesk.server.verify(putRequestedFor(urlPathEqualTo(TICKET))
                .withRequestBody(matchingJsonPath("$.ticket.additional_tags", equalTo("wa_read")))
                .withRequestBody(matchingJsonPath("$.ticket.remove_tags[?(@ == 'wa_delivered')]")));
    }

    @Test
    void failureMovesTheTagWithoutANoteOfItsOwn() {
        session.recordDelivery(ref, notice("wamid.9", DeliveryStatus.FAILED, Optional.of(
                new DeliveryError("131026", "Message undeliverable", Optional.of("Recipient is not on WhatsApp")))));

        // The host's DELIVERY_FAILED notice, which follows, is the one note agents get.
        assertThat(updates()).singleElement().satisfies(u -> assertThat(u.getBodyAsString())
                .doesNotContain("\"comment\""));
        zendesk.server.verify(putRequestedFor(urlPathEqualTo(TICKET))
                .withRequestBody(matchingJsonPath("$.ticket.additional_tags", equalTo("wa_delivery_failed")))
                .withRequestBody(matchingJsonPath("$.ticket.remove_tags[?(@ == 'wa_delivered')]")));
    }

    @Test
    void noticesAreInternalNotesWithCost() {
        Quote quote = Quote.allowed(true, PricingCategory.UTILITY, PricingType.REGULAR, "north_america",
                Money.of("0.0040", "USD"), "PMP-2026-10");
        session.notifyAgents(ref, new AgentNotice("notice:TEMPLATE_SENT:1", AgentNotice.Kind.TEMPLATE_SENT,
                "The window was closed: template reengage_v1 went out; your reply is held.", Optional.of(quote)));
        session.notifyAgents(ref, new AgentNotice("notice:REPLY_REFUSED_BUDGET:2", AgentNotice.Kind.REPLY_REFUSED_BUDGET,
                "Reply not sent: the route's monthly budget is spent.", Optional.empty()));

        LoggedRequest template = updates().get(0);
        assertThat(template.getBodyAsString()).contains("\"public\":false")
                .contains("[DeskBridge] The window was closed: template reengage_v1 went out; your reply is held.")
                .contains("Cost: 0.004 USD (utility, regular, market north_america)");
        assertThat(updates().get(1).getBodyAsString()).contains("\"public\":false")
                .contains("Reply not sent: the route's monthly budget is spent.");
    }

    @Test
    void aNoteIsMarkedWithItsIdAndARetriedNoteIsNotPostedTwice() {
        AgentNotice notice = new AgentNotice("notice:DELIVERY_FAILED:wamid.7", AgentNotice.Kind.DELIVERY_FAILED,
                "The customer did not receive a message.", Optional.empty());
        session.notifyAgents(ref, notice);
        zendesk.server.verify(putRequestedFor(urlPathEqualTo(TICKET)).withRequestBody(matchingJsonPath(
                "$.ticket.metadata.deskbridge_event", equalTo("note:notice:DELIVERY_FAILED:wamid.7"))));

        // The note landed; the same notice again (a retry, or after a restart) finds its marker.
        zendesk.stubAudits(800, ZendeskStub.audit(9500, 800, 1, "[DeskBridge] The customer did not receive a message.",
                "note:notice:DELIVERY_FAILED:wamid.7"));
        session.notifyAgents(ref, notice);
        // A different notice with the same text is a second note.
        session.notifyAgents(ref, new AgentNotice("notice:DELIVERY_FAILED:wamid.8", AgentNotice.Kind.DELIVERY_FAILED,
                "The customer did not receive a message.", Optional.empty()));

        assertThat(updates()).hasSize(2);
    }

    @Test
    void windowClosingNoticeAlsoSetsTheClosingTag() {
        session.notifyAgents(ref, new AgentNotice("notice:WINDOW_CLOSING:3", AgentNotice.Kind.WINDOW_CLOSING,
                "The WhatsApp window closes at 12:30 UTC: answer before then to reply for free.", Optional.empty()));

        zendesk.server.verify(putRequestedFor(urlPathEqualTo(TICKET))
                .withRequestBody(matchingJsonPath("$.ticket.comment.public", equalTo("false")))
                .withRequestBody(matchingJsonPath("$.ticket.additional_tags", equalTo("wa_window_closing")))
                .withRequestBody(matchingJsonPath("$.ticket.remove_tags[?(@ == 'wa_window_open')]")));
    }

    @Test
    void closedTicketIsLeftAlone() {
        zendesk.server.stubFor(put(urlPathEqualTo("/api/v2/tickets/801.json")).willReturn(error(422, ZendeskStub.CLOSED_TICKET_422)));
        TicketRef closed = TicketRef.of("801");

        session.updateStatus(closed, status(WindowPhase.CLOSED, Optional.empty(), "0"));
        session.recordDelivery(closed, notice("wamid.5", DeliveryStatus.FAILED, Optional.empty()));

        zendesk.server.verify(2, putRequestedFor(urlPathEqualTo("/api/v2/tickets/801.json")));

        zendesk.stubAudits(801);
        String text = "The customer " + ZendeskStub.CUSTOMER.e164() + " did not receive a message (Hello Ann).";
        List<String> lines = logged(() -> session.notifyAgents(closed, new AgentNotice("notice:DELIVERY_FAILED:wamid.5",
                AgentNotice.Kind.DELIVERY_FAILED, text, Optional.empty())));
        // Before: the note's text, which may quote the customer's message, was logged.
        assertThat(lines).singleElement().satisfies(line -> assertThat(line).contains("801")
                .contains("notice:DELIVERY_FAILED:wamid.5").doesNotContain("Hello Ann")
                .doesNotContain(ZendeskStub.CUSTOMER.e164()));
    }

    // ---- a ticket deleted in Zendesk ----

    /** What the session logs while {@code work} runs. */
    private static List<String> logged(Runnable work) {
        Logger logger = (Logger) LoggerFactory.getLogger("deskbridge.connector.zendesk-main");
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
    void statusDeliveryAndNotesForADeletedTicketAreSkippedWithALogLineNotFailed() {
        zendesk.stubDeletedTicket(802);
        TicketRef deleted = TicketRef.of("802");
        String text = "The customer " + ZendeskStub.CUSTOMER.e164() + " did not receive a message.";

        List<String> lines = logged(() -> {
            session.updateStatus(deleted, status(WindowPhase.OPEN, Optional.of(Instant.parse("2026-10-05T12:30:00Z")),
                    "0.01"));
            session.recordDelivery(deleted, notice("wamid.6", DeliveryStatus.DELIVERED, Optional.empty()));
            session.notifyAgents(deleted, new AgentNotice("notice:DELIVERY_FAILED:wamid.6",
                    AgentNotice.Kind.DELIVERY_FAILED, text, Optional.empty()));
            session.notifyAgents(deleted, new AgentNotice("notice:WINDOW_CLOSING:4", AgentNotice.Kind.WINDOW_CLOSING,
                    "The WhatsApp window closes at 12:30 UTC.", Optional.empty()));
        });

        assertThat(lines).hasSize(4).allSatisfy(line -> assertThat(line).contains("802").contains("no longer exists")
                .doesNotContain(ZendeskStub.CUSTOMER.e164()).doesNotContain(text)
                .doesNotContain("window closes").doesNotContain(ZendeskStub.API_TOKEN));
        assertThat(lines.get(1)).contains("wamid.6");
        assertThat(lines.get(2)).contains("notice:DELIVERY_FAILED:wamid.6");
        assertThat(lines.get(3)).contains("notice:WINDOW_CLOSING:4");
        // The notes were looked for (their audits answered 404); nothing was written.
        zendesk.server.verify(2, putRequestedFor(urlPathEqualTo("/api/v2/tickets/802.json")));
    }

    @Test
    void aTicketDeletedBetweenTheNoteCheckAndTheWriteIsSkippedToo() {
        // The audits still answer; the update finds the ticket gone (the client library reads that 404 as
        // an empty answer, which must not pass for a note written).
        zendesk.stubAudits(803);
        zendesk.server.stubFor(put(urlPathEqualTo("/api/v2/tickets/803.json"))
                .willReturn(error(404, ZendeskStub.RECORD_NOT_FOUND_404)));
        TicketRef deleted = TicketRef.of("803");

        List<String> lines = logged(() -> {
            session.notifyAgents(deleted, new AgentNotice("notice:REPLY_REFUSED_BUDGET:5",
                    AgentNotice.Kind.REPLY_REFUSED_BUDGET, "Reply not sent: the budget is spent.", Optional.empty()));
            session.recordDelivery(deleted, notice("wamid.7", DeliveryStatus.READ, Optional.empty()));
            // Not taken for shown: the same tag is tried again, and skipped again.
            session.recordDelivery(deleted, notice("wamid.7", DeliveryStatus.READ, Optional.empty()));
        });

        zendesk.server.verify(3, putRequestedFor(urlPathEqualTo("/api/v2/tickets/803.json")));
        assertThat(lines).hasSize(3).allSatisfy(line -> assertThat(line).contains("803").contains("no longer exists")
                .doesNotContain("budget is spent"));
        assertThat(lines.get(0)).contains("notice:REPLY_REFUSED_BUDGET:5");
    }

    @Test
    void otherRefusalsOfAStatusWriteStillFail() {
        zendesk.server.stubFor(put(urlPathEqualTo("/api/v2/tickets/804.json")).willReturn(error(422,
                "{\"error\":\"RecordInvalid\",\"description\":\"Record validation errors\",\"details\":"
                        + "{\"base\":[{\"description\":\"Tags is invalid\"}]}}")));

        assertThatThrownBy(() -> session.recordDelivery(TicketRef.of("804"),
                notice("wamid.8", DeliveryStatus.DELIVERED, Optional.empty())))
                .isInstanceOf(PermanentException.class).hasMessageContaining("Tags is invalid");
    }

    @Test
    void fieldsAreFoundByTitleWhenNotConfigured() {
        Map<String, String> settings = new HashMap<>(zendesk.settings());
        settings.remove("window_field_id");
        settings.remove("cost_field_id");
        zendesk.server.stubFor(get(urlPathEqualTo("/api/v2/ticket_fields.json")).willReturn(okJson("""
            {"ticket_fields": [
              {"url": "https://acme.zendesk.com/api/v2/ticket_fields/34.json", "id": 34, "type": "subject",
               "title": "Subject", "raw_title": "Subject", "active": true, "required": false, "position": 1},
              {"url": "https://acme.zendesk.com/api/v2/ticket_fields/9101.json", "id": 9101, "type": "text",
               "title": "WhatsApp window closes at", "raw_title": "WhatsApp window closes at", "active": true,
               "required": false, "visible_in_portal": false, "editable_in_portal": false, "position": 9999},
              {"url": "https://acme.zendesk.com/api/v2/ticket_fields/9102.json", "id": 9102, "type": "text",
               "title": "WhatsApp cost so far", "raw_title": "WhatsApp cost so far", "active": true,
               "required": false, "visible_in_portal": false, "editable_in_portal": false, "position": 9999}],
             "meta": {"has_more": false, "after_cursor": null, "before_cursor": null},
             "links": {"prev": null, "next": null}}""")));
        try (ZendeskSession other = zendesk.open(zendesk.context(settings))) {
            other.updateStatus(ref, status(WindowPhase.OPEN, Optional.of(Instant.parse("2026-10-05T12:30:00Z")), "0"));
            other.updateStatus(TicketRef.of("800"), status(WindowPhase.CLOSED, Optional.empty(), "0"));
        }
        zendesk.server.verify(putRequestedFor(urlPathEqualTo(TICKET))
                .withRequestBody(matchingJsonPath("$.ticket.custom_fields[?(@.id == 9101)].value",
                        equalTo("2026-10-05 12:30 UTC")))
                .withRequestBody(matchingJsonPath("$.ticket.custom_fields[?(@.id == 9102)].value",
                        equalTo("0.00 USD"))));
        zendesk.server.verify(1, getRequestedFor(urlPathEqualTo("/api/v2/ticket_fields.json")));
    }

    private static DeliveryNotice notice(String id, DeliveryStatus status, Optional<DeliveryError> error) {
        return new DeliveryNotice(id, status, NOW, error, Optional.empty());
    }
}
